"""The troubleshooting report: one self-contained, deterministic HTML page; no secrets."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ikeviz import __version__
from ikeviz.cli import report_cmd
from ikeviz.cli.check_cmd import load
from ikeviz.diagnosis import Conflict, Diagnosis, diagnose
from ikeviz.render.export import ensure_qt_app
from ikeviz.render.report import conflict_cells, inline_svg, render_report_html
from ikeviz.scenario.lessons import bundled_lessons
from ikeviz.scenario.model import Side
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import ScenarioRun, run_scenario

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PSK = "oxo-lab-2026"  # the lessons' pre-shared key (left side)
OTHER_PSK = "oxo-lab-2025"  # the wrong one, in wrong-psk (right side)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


def _lesson(name: str) -> tuple[ScenarioRun, Diagnosis]:
    loaded = load(argparse.Namespace(lesson=name, scenario=None))
    assert not isinstance(loaded, str), loaded
    run, _path = loaded
    return run, diagnose(run)


_CACHE: dict[tuple[str, bool], str] = {}


def _report(name: str, *, show_secrets: bool = False) -> str:
    key = (name, show_secrets)
    if key not in _CACHE:
        ensure_qt_app()
        run, diagnosis = _lesson(name)
        _CACHE[key] = render_report_html(run, diagnosis, show_secrets=show_secrets)
    return _CACHE[key]


class _Page(HTMLParser):
    """Checks that tags balance and collects what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.counts: dict[str, int] = {}
        self.ids: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.marked: list[str] = []  # the text of cells marked as mismatching
        self._marked_depth: int | None = None
        self._marked_text: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)
            classes = (dict(attrs).get("class") or "").split()
            if "mismatch" in classes and tag in ("td", "th") and self._marked_depth is None:
                self._marked_depth = len(self.stack)
                self._marked_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)  # <path .../> in the inline SVG, <meta/>: nothing to close

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "id":
                self.ids.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            return
        if self._marked_depth == len(self.stack):
            self.marked.append("".join(self._marked_text).strip())
            self._marked_depth = None
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._marked_depth is not None:
            self._marked_text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


# --- content ----------------------------------------------------------------------


def test_failing_lesson_marks_the_dh_group_cells() -> None:
    page = _report("p1-dh-group-mismatch")
    parsed = _parse(page)
    # The DH group column of both gateways' phase-1 tables, and nothing else.
    assert parsed.marked == ["DH group", "2 (MODP1024)", "DH group", "14 (MODP2048)"]
    assert 'class="verdict failed"' in page
    assert "Failed at Main Mode message 2" in page
    assert "NO-PROPOSAL-CHOSEN, sent by Lyon gateway (strongSwan)" in page
    # The diagnosis: the conflict, what is known, fixes per side.
    assert "phase-1 DH group" in page
    assert "On OXO Paris (OmniPCX Office)" in page and "On Lyon gateway (strongSwan)" in page
    assert "add a phase-1 proposal with DH group 2 (MODP1024)" in page
    # What each product logs: strongSwan's lines, OmniPCX Office's are not documented.
    assert '<pre class="log">[IKE] 192.0.2.10 is initiating a Main Mode IKE_SA' in page
    assert "Not documented:" in page
    # The assumption that matters: the OmniPCX Office algorithm list is assumed.
    relevant = page.split('id="assumptions"', 1)[1].split('class="assumptions other"', 1)[0]
    assert "page 673 (the algorithm list) is missing" in relevant
    # The diagram, inline, from the same renderer.
    assert parsed.counts.get("svg") == 1 and "MM1" in page


def test_established_lesson() -> None:
    page = _report("omnipcx-strongswan-ok")
    parsed = _parse(page)
    assert parsed.marked == []
    assert 'class="verdict established"' in page
    assert "ESTABLISHED" in page and "Phase 1 agreed" in page and "Phase 2 agreed" in page
    assert "DH group 2 (MODP1024) is weak" in page  # a warning
    assert "CHILD_SA ikeviz" in page  # strongSwan's log line
    assert "Fixes" not in page


def test_both_gateways_side_by_side() -> None:
    page = _report("p1-dh-group-mismatch")
    gateways = page.split('id="gateways"', 1)[1].split('id="diagnosis"', 1)[0]
    assert gateways.count('<article class="gateway"') == 2
    left, right = gateways.split('<article class="gateway"')[1:]
    assert "OXO Paris" in left and "192.0.2.10" in left and "Alcatel OmniPCX Office" in left
    assert "Lyon gateway" in right and "198.51.100.20" in right and "strongSwan 5.9" in right
    for side in (left, right):
        for what in ("Identity (sent)", "Authentication", "Phase-1 proposals",
                     "Phase-2 proposals", "PFS", "Lifetimes", "Subnets", "NAT traversal",
                     "pre-shared key (set)"):
            assert what in side
    assert "local 10.10.0.0/24, remote 10.20.0.0/24" in left
    assert "Main Mode only" in left  # fixed by the OmniPCX Office profile


def test_identity_conflict_marks_what_was_sent_and_what_was_expected() -> None:
    parsed = _parse(_report("identity-type-mismatch"))
    assert parsed.marked == ["ID_IPV4_ADDR (1) 198.51.100.20", "ID_FQDN (2) vpn.lyon.example"]


def test_conflict_cells() -> None:
    failed = Diagnosis(established=False, verdict="x", sender=Side.RIGHT, refuser=Side.LEFT)
    assert conflict_cells(Conflict("phase-1 identity (sent / expected)", "a", "b"), failed) == {
        Side.RIGHT: ("identity",), Side.LEFT: ("peer_identity",)}
    assert conflict_cells(Conflict("phase-2 PFS group", "a", "b"), failed)[Side.LEFT] == (
        "p2.pfs", "pfs")
    assert conflict_cells(Conflict("something new", "a", "b"), failed)[Side.LEFT] == ()


# --- secrets ----------------------------------------------------------------------


def test_wrong_psk_report_has_no_secret() -> None:
    page = _report("wrong-psk")
    _parse(page)
    assert PSK not in page and OTHER_PSK not in page
    assert "pre-shared key (set)" in page
    assert "secrets hidden" in page
    assert "the pre-shared keys most likely differ" in page


def test_show_secrets_shows_the_keys() -> None:
    page = _report("wrong-psk", show_secrets=True)
    _parse(page)
    assert f"pre-shared key: {PSK}" in page and f"pre-shared key: {OTHER_PSK}" in page
    assert "secrets shown" in page


# --- self-contained, valid, deterministic -------------------------------------------


@pytest.mark.parametrize("name", [e.name for e in bundled_lessons(builtin_profiles().keys())])
def test_every_lesson_is_self_contained_and_balanced(name: str) -> None:
    page = _report(name)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    lowered = page.lower()
    for outside in ("http://", "https://", "<link", "<script", "<iframe", "<img", "@import",
                    "url(", "<?xml"):
        assert outside not in lowered, outside
    parsed = _parse(page)
    for tag, name_, value in parsed.attrs:
        assert name_ not in ("src", "srcset", "action", "xlink:href"), (tag, name_)
        if name_ == "href":
            assert value.startswith("#") and value[1:] in parsed.ids, value
    for tag in ("html", "head", "body", "main", "header", "footer", "style", "svg"):
        assert parsed.counts.get(tag) == 1, tag
    assert parsed.counts.get("title") == 2  # the page's, and the diagram's (inside <svg>)
    assert re.search(r"<head>.*<title>IKEv1 troubleshooting report: .*</title>.*</head>", page,
                     re.DOTALL)
    assert len(parsed.ids) == len(set(parsed.ids))
    assert "@media print" in page
    assert PSK not in page


def test_same_input_same_bytes() -> None:
    ensure_qt_app()
    pages = []
    for _ in range(2):
        run, diagnosis = _lesson("pfs-groups-differ")
        pages.append(render_report_html(run, diagnosis).encode())
    assert pages[0] == pages[1]
    assert re.search(r"20\d\d-\d\d-\d\d", pages[0].decode()) is None  # no date


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"report{seed}.html"
        code = ("import sys; from ikeviz.cli import report_cmd; import argparse; "
                "p = argparse.ArgumentParser(); c = p.add_subparsers(); report_cmd.add_parser(c); "
                "a = p.parse_args(sys.argv[1:]); sys.exit(a.run(a))")
        subprocess.run([sys.executable, "-c", code, "report", "--lesson",
                        "lifetime-strict-responder", "-o", str(out)], check=True, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                            "PYTHONHASHSEED": seed, "TZ": "Asia/Kolkata" if seed == "2" else "UTC"})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_footer_names_version_and_seed() -> None:
    page = _report("omnipcx-strongswan-ok")
    footer = page.split("<footer>", 1)[1]
    assert f"ikeviz {__version__}" in footer and "seed 1" in footer


def test_text_is_escaped() -> None:
    ensure_qt_app()
    run, _ = _lesson("p1-dh-group-mismatch")
    scenario = run.scenario
    scenario = replace(scenario, title="A <b>bold</b> & \"quoted\" title",
                       left=replace(scenario.left, name="<script>alert(1)</script>"))
    run = run_scenario(scenario, builtin_profiles())
    page = render_report_html(run, diagnose(run))
    _parse(page)
    assert "<script" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title" in page


def test_print_theme_and_bad_theme() -> None:
    ensure_qt_app()
    run, diagnosis = _lesson("p1-dh-group-mismatch")
    page = render_report_html(run, diagnosis, theme="print", state_names="cisco")
    _parse(page)
    assert "MM_NO_STATE" in page
    with pytest.raises(ValueError):
        render_report_html(run, diagnosis, theme="neon")


def test_inline_svg() -> None:
    svg = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<svg width="10mm" '
           'height="5mm" viewBox="0 0 40 20" xmlns="http://www.w3.org/2000/svg">'
           "<title>t</title></svg>")
    out = inline_svg(svg, width=40, height=20, label='a "b" <c>')
    assert out.startswith('<svg width="40" height="20" viewBox="0 0 40 20" role="img" '
                          'aria-label="a &quot;b&quot; &lt;c&gt;">')
    assert "http" not in out and out.endswith("</svg>")
    with pytest.raises(ValueError):
        inline_svg("<html></html>", width=1, height=1, label="")


# --- the command ------------------------------------------------------------------


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="ikeviz")
    commands = parser.add_subparsers(dest="command")
    report_cmd.add_parser(commands)
    args = parser.parse_args(["report", *argv])
    status: int = args.run(args)
    return status


def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    # A failing negotiation still gives a report: exit 0.
    assert _cli("--lesson", "wrong-psk", "-o", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    run, diagnosis = _lesson("wrong-psk")
    assert page == render_report_html(run, diagnosis, source="lesson wrong-psk")
    assert "lesson wrong-psk" in page and PSK not in page
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert _cli("--lesson", "wrong-psk", "-o", str(out), "--show-secrets") == 0
    assert PSK in out.read_text(encoding="utf-8")


def test_cli_scenario_file(tmp_path: Path) -> None:
    source = next(e.path for e in bundled_lessons() if e.name == "subnet-mismatch")
    out = tmp_path / "r.htm"
    assert _cli(str(source), "-o", str(out), "--states", "libreswan", "--theme", "print") == 0
    page = out.read_text(encoding="utf-8")
    assert "subnet-mismatch.toml" in page and "state names: libreswan" in page
    assert str(source.parent) not in page  # the file name only, not where it lives


@pytest.mark.parametrize("argv, message", [
    (["--lesson", "wrong-psk", "-o", "report.pdf"], "must end in .html"),
    (["--lesson", "no-such-lesson", "-o", "report.html"], "no bundled lesson"),
    (["-o", "report.html"], "give a scenario file or --lesson NAME"),
    (["missing.toml", "-o", "report.html"], "missing.toml"),
    (["x.toml", "--lesson", "wrong-psk", "-o", "report.html"], "not both"),
])
def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                       message: str) -> None:
    argv = [str(tmp_path / a) if a.endswith((".html", ".pdf", ".toml")) else a for a in argv]
    assert _cli(*argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("ikeviz: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "report.html").exists()


def test_cli_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-such-dir" / "report.html"
    assert _cli("--lesson", "omnipcx-strongswan-ok", "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ikeviz: {out}: ") and err.count("\n") == 1
