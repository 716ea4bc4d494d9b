"""One screen per view of the report, plus the help and note dialogs."""
