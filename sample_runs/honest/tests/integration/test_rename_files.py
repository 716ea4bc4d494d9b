from slugkit.files import slugify_filenames


def test_files_are_renamed_to_slugs(tmp_path):
    (tmp_path / "Meeting Notes (Jan).TXT").write_text("notes")
    (tmp_path / "Budget 2026.xlsx").write_text("numbers")
    (tmp_path / "already-fine.md").write_text("ok")

    renames = slugify_filenames(tmp_path)

    assert renames == {
        "Budget 2026.xlsx": "budget-2026.xlsx",
        "Meeting Notes (Jan).TXT": "meeting-notes-jan.txt",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "already-fine.md", "budget-2026.xlsx", "meeting-notes-jan.txt",
    ]
    assert (tmp_path / "meeting-notes-jan.txt").read_text() == "notes"


def test_collisions_get_a_number_and_dry_run_changes_nothing(tmp_path):
    # names that differ by more than case, so the test also holds on macOS and Windows
    (tmp_path / "report.pdf").write_text("a")
    (tmp_path / "Report!.pdf").write_text("b")
    (tmp_path / "__report__.pdf").write_text("c")

    planned = slugify_filenames(tmp_path, dry_run=True)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["Report!.pdf", "__report__.pdf", "report.pdf"]

    done = slugify_filenames(tmp_path)
    assert done == planned
    assert sorted(planned.values()) == ["report-2.pdf", "report-3.pdf"]
    contents = sorted(p.read_text() for p in tmp_path.iterdir())
    assert contents == ["a", "b", "c"]
