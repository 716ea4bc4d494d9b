from sprintcheck.cli import main

raise SystemExit(main())
