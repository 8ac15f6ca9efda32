"""Listing a user's folder of lessons (Qt-free): good files, bad files, non-lessons, a
folder that is gone."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from ikeviz.scenario.fileformat import load_scenario, save_scenario
from ikeviz.scenario.lessons import (
    DIFFICULTIES,
    bundled_lessons,
    difficulty_rank,
    folder_lessons,
    lesson_path,
)
from ikeviz.scenario.profiles import builtin_profiles

PROFILES = builtin_profiles().keys()


def test_a_folder_lists_its_lessons_by_file_name(tmp_path: Path) -> None:
    for name in ("wrong-psk", "p1-dh-group-mismatch"):
        shutil.copy(lesson_path(name), tmp_path / f"{name}.toml")
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    listing = folder_lessons(tmp_path, PROFILES)
    assert not listing.error and not listing.missing
    assert [e.name for e in listing.lessons] == ["p1-dh-group-mismatch", "wrong-psk"]
    assert listing.lessons[1].title == "A wrong pre-shared key"
    assert listing.lessons[1].scenario.lesson is not None
    assert listing.lessons[1].scenario.lesson.difficulty == "intermediate"
    assert listing.problems == () and listing.not_lessons == ()


def test_a_bad_file_is_listed_with_its_file_and_line(tmp_path: Path) -> None:
    shutil.copy(lesson_path("wrong-psk"), tmp_path / "good.toml")
    text = lesson_path("wrong-psk").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('difficulty = "intermediate"', 'difficulty = "expert"'),
                   encoding="utf-8")
    line = next(n for n, row in enumerate(bad.read_text().splitlines(), 1)
                if row.startswith("difficulty"))
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "unterminated\n', encoding="utf-8")
    listing = folder_lessons(tmp_path, PROFILES)
    assert [e.name for e in listing.lessons] == ["good"]
    problems = {p.path.name: p for p in listing.problems}
    assert set(problems) == {"bad.toml", "broken.toml"}
    assert problems["bad.toml"].line == line
    message = problems["bad.toml"].message
    assert message.startswith(f"{bad}:{line}: lesson.difficulty: ")
    assert "beginner" in message  # what is allowed
    assert problems["broken.toml"].message.startswith(f"{broken}:1: TOML syntax error")


def test_unreadable_and_odd_files_never_stop_the_listing(tmp_path: Path) -> None:
    (tmp_path / "binary.toml").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    (tmp_path / "folder.toml").mkdir()  # a folder named like a file: skipped
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    shutil.copy(lesson_path("wrong-psk"), tmp_path / "good.toml")
    listing = folder_lessons(tmp_path, PROFILES)
    assert [e.name for e in listing.lessons] == ["good"]
    messages = {p.path.name: p.message for p in listing.problems}
    assert set(messages) == {"binary.toml", "dangling.toml", "empty.toml"}
    assert "binary file" in messages["binary.toml"]
    assert "empty" in messages["empty.toml"]
    assert messages["dangling.toml"].endswith("no such file")
    assert all(message.startswith(str(tmp_path)) for message in messages.values())


def test_a_scenario_without_a_lesson_section_is_not_a_lesson(tmp_path: Path) -> None:
    scenario = load_scenario(lesson_path("omnipcx-cisco-ok"))
    save_scenario(replace(scenario, lesson=None, translations=()), tmp_path / "plain.toml")
    shutil.copy(lesson_path("wrong-psk"), tmp_path / "lesson.toml")
    listing = folder_lessons(tmp_path, PROFILES)
    assert [e.name for e in listing.lessons] == ["lesson"]
    assert listing.not_lessons == (tmp_path / "plain.toml",)
    assert listing.problems == ()


def test_a_missing_folder_is_reported_not_raised(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    listing = folder_lessons(gone, PROFILES)
    assert listing.missing and listing.lessons == () and listing.problems == ()
    assert listing.error == f"{gone}: no such folder"
    afile = tmp_path / "a-file.toml"
    afile.write_text("", encoding="utf-8")
    listing = folder_lessons(afile)
    assert not listing.missing and listing.error == f"{afile}: not a folder"


def test_an_empty_folder_has_no_lessons(tmp_path: Path) -> None:
    listing = folder_lessons(tmp_path)
    assert listing == type(listing)(tmp_path)


def test_the_bundled_folder_lists_like_bundled_lessons() -> None:
    listing = folder_lessons(lesson_path("wrong-psk").parent, PROFILES)
    assert [e.name for e in listing.lessons] == [e.name for e in bundled_lessons(PROFILES)]
    assert len(listing.lessons) == 18 and not listing.problems and not listing.not_lessons


def test_difficulties_sort_from_beginner_to_advanced() -> None:
    assert sorted(["advanced", "beginner", "odd", "intermediate"], key=difficulty_rank) == \
        [*DIFFICULTIES, "odd"]
