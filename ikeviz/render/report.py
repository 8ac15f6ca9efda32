"""The troubleshooting report: one self-contained HTML page per run.

:func:`render_report_html` gives a single HTML5 document with everything a
technician needs on one page: the verdict, the sequence diagram (inline SVG
from the renderer the application and the figure exports use), both gateways
side by side with the values that do not match marked (from the diagnosis'
conflicts), the diagnosis (where, why, the notify, what is known and what is
only likely, the fixes on either side), the warnings, what each product logs,
and the profiles' assumptions that bear on this diagnosis.

The page needs nothing else: the CSS is inline, there is no script, no font,
image or link to fetch, and it prints (``@media print``). It carries no date
and nothing random, so the same run gives the same bytes. Every text is
escaped; the pre-shared keys never appear unless ``show_secrets``.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Sequence
from math import ceil
from pathlib import Path

from ikeviz import __version__
from ikeviz.diagnosis import Conflict, Diagnosis, ProductLog
from ikeviz.protocol.config import ChildProposal, EspTransform, IkeProposal, PeerConfig, Role
from ikeviz.protocol.registry import IdType, describe
from ikeviz.render.diagram import StateNaming, build_diagram
from ikeviz.scenario.model import AuthKind, Gateway, Side
from ikeviz.scenario.names import (
    ENCRYPTION_LABELS,
    ESP_LABELS,
    GROUP_NAMES,
    HASH_LABELS,
    INTEGRITY_LABELS,
)
from ikeviz.scenario.profiles import Profile
from ikeviz.simulation import ScenarioRun

REPORT_THEMES = ("light", "print")  # the diagram's theme (the page itself is light)
_MIN_SCRUBBED_SECRET = 6  # as in the diagram: shorter keys would blank out ordinary words

# --- values as the report writes them ------------------------------------------


def _group(group: int | None) -> str:
    if group is None:
        return "none"
    return f"{group} ({GROUP_NAMES.get(group, '?').upper()})"


def _seconds(seconds: int | None, kilobytes: int | None = None) -> str:
    parts = []
    if seconds:
        parts.append(f"{seconds} s")
    if kilobytes:
        parts.append(f"{kilobytes} kB")
    return " / ".join(parts) or "none"


def _p1_encryption(p: IkeProposal) -> str:
    return ENCRYPTION_LABELS.get(p.encryption, str(p.encryption)) + (
        f"-{p.key_length}" if p.key_length else "")


def _auth_method(method: int) -> str:
    return {1: "pre-shared key", 3: "RSA signatures"}.get(method, f"method {method}")


def _esp_encryption(t: EspTransform) -> str:
    return ESP_LABELS.get(t.transform_id, str(t.transform_id)) + (
        f"-{t.key_length}" if t.key_length else "")


def _integrity(value: int | None) -> str:
    return "none" if value is None else INTEGRITY_LABELS.get(value, str(value))


def _protocol(value: int) -> str:
    return {2: "AH", 3: "ESP"}.get(value, str(value))


def _mode(value: int) -> str:
    return {1: "tunnel", 2: "transport"}.get(value, str(value))


def _identity_text(id_type: int, value: str) -> str:
    return f"{describe(IdType, id_type)} {value}"


# --- which cells a conflict marks ----------------------------------------------

# Conflict field (Diagnosis.conflicts) -> the cells it marks, in both gateways.
# "p1.*" / "p2.*" are columns of the proposal tables, the others rows of the
# settings table.
_CONFLICT_CELLS: dict[str, tuple[str, ...]] = {
    "phase-1 encryption": ("p1.encryption",),
    "phase-1 key length": ("p1.encryption",),
    "phase-1 hash": ("p1.hash",),
    "phase-1 DH group": ("p1.group",),
    "phase-1 authentication method": ("p1.auth", "auth"),
    "phase-1 lifetime": ("p1.lifetime",),
    "phase-1 mode": ("mode",),
    "pre-shared key": ("auth",),
    "local subnet / remote subnet": ("subnets",),
    "phase-2 ESP transform": ("p2.encryption",),
    "phase-2 ESP key length": ("p2.encryption",),
    "phase-2 ESP authentication": ("p2.integrity",),
    "phase-2 PFS": ("p2.pfs", "pfs"),
    "phase-2 PFS group": ("p2.pfs", "pfs"),
    "phase-2 lifetime": ("p2.lifetime",),
    "phase-2 encapsulation mode": ("p2.protocol",),
    "phase-2 protocol": ("p2.protocol",),
}
_KEYWORD_CELLS = (  # for a field the table above does not know
    ("identit", ("identity", "peer_identity")),
    ("subnet", ("subnets",)),
    ("selector", ("subnets",)),
    ("lifetime", ("lifetimes",)),
    ("pfs", ("pfs",)),
    ("mode", ("mode",)),
    ("key", ("auth",)),
)


def conflict_cells(conflict: Conflict, diagnosis: Diagnosis) -> dict[Side, tuple[str, ...]]:
    """The cells (``"p1.group"``, ``"subnets"``...) ``conflict`` marks on each side."""
    field = conflict.field
    if field.startswith("phase-1 identity"):
        # The values are what one side sent and what the other expects.
        if diagnosis.sender is not None and diagnosis.refuser is not None:
            return {diagnosis.sender: ("identity",), diagnosis.refuser: ("peer_identity",)}
        return {Side.LEFT: ("identity", "peer_identity"),
                Side.RIGHT: ("identity", "peer_identity")}
    cells = _CONFLICT_CELLS.get(field)
    if cells is None:
        lowered = field.lower()
        cells = next((c for word, c in _KEYWORD_CELLS if word in lowered), ())
    return {Side.LEFT: cells, Side.RIGHT: cells}


# --- the assumptions that bear on a diagnosis ----------------------------------

_ALGORITHMS = ("algorithm", "supported", "default proposal", "default phase")
_FIELD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("encryption", _ALGORITHMS + ("aes", "des")),
    ("transform", _ALGORITHMS + ("aes", "des")),
    ("key length", _ALGORITHMS + ("aes",)),
    ("hash", _ALGORITHMS + ("md5", "sha")),
    ("esp authentication", _ALGORITHMS + ("md5", "sha")),
    ("dh group", _ALGORITHMS + ("group", "modp")),
    ("pfs", ("pfs", "phase 2", "phase-2")),
    ("authentication method", ("authentication", "pre-shared", "psk", "rsa")),
    ("pre-shared key", ("pre-shared", "psk", "retransmi")),
    ("lifetime", ("lifetime",)),
    ("mode", ("aggressive", "main mode")),
    ("identit", ("identit", "id_ipv4", " id ")),
    ("subnet", ("subnet", "traffic selector", "proxy")),
    ("selector", ("subnet", "traffic selector", "proxy")),
    ("timeout", ("retransmi",)),
    ("give up", ("retransmi",)),
    ("weak", _ALGORITHMS),
)


def _assumption_words(run: ScenarioRun, diagnosis: Diagnosis) -> tuple[str, ...]:
    topics = [diagnosis.attribute, diagnosis.reason, *(c.field for c in diagnosis.conflicts),
              *diagnosis.warnings]
    if diagnosis.established and not diagnosis.warnings:
        topics.append("default proposal")
    words: list[str] = []
    for topic in topics:
        lowered = topic.lower()
        for key, found in _FIELD_WORDS:
            if key in lowered:
                words.extend(w for w in found if w not in words)
    if run.scenario.network.nat:
        words.extend(w for w in ("nat traversal", "nat-t", "rfc 3947") if w not in words)
    return tuple(words)


def relevant_assumptions(profile: Profile, run: ScenarioRun,
                         diagnosis: Diagnosis) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``profile``'s assumptions split in (those that bear on ``diagnosis``, the others)."""
    words = _assumption_words(run, diagnosis)
    matter: list[str] = []
    other: list[str] = []
    for assumption in profile.assumptions:
        lowered = assumption.lower()
        (matter if any(w in lowered for w in words) else other).append(assumption)
    return tuple(matter), tuple(other)


# --- the page --------------------------------------------------------------------

_CSS = """
:root { --text: #1b1f24; --muted: #57606a; --rule: #d0d7de; --accent: #3d5a80;
  --fail: #c62828; --fail-bg: #fdecea; --ok: #2e7d32; --ok-bg: #eaf6ec;
  --warn: #8a5a00; --warn-bg: #fff4d6; --mark: #fde2e1; --head: #f1f4f8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 24px 32px 32px; color: var(--text); background: #fff;
  font: 15px/1.45 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial,
  sans-serif; }
.page { max-width: 1180px; margin: 0 auto; }
header.top { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 16px; }
header.top .kind { margin: 0; color: var(--accent); font-size: 13px; font-weight: bold;
  letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 2px 0 6px; font-size: 26px; line-height: 1.2; }
h2 { margin: 28px 0 10px; font-size: 20px; color: var(--accent);
  border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { margin: 16px 0 6px; font-size: 16px; }
p { margin: 6px 0; }
.muted, .note { color: var(--muted); }
.note { font-size: 13px; }
nav.toc { font-size: 13px; margin: 8px 0 0; }
nav.toc a { color: var(--accent); margin-right: 14px; text-decoration: none; }
code, pre, .mono { font-family: "DejaVu Sans Mono", ui-monospace, Menlo, Consolas,
  monospace; font-size: 13px; }
.verdict { border: 1px solid; border-left-width: 8px; border-radius: 4px;
  padding: 10px 14px; margin: 16px 0; }
.verdict .badge { display: inline-block; font-weight: bold; font-size: 13px;
  letter-spacing: .06em; color: #fff; border-radius: 3px; padding: 1px 8px;
  margin-right: 8px; }
.verdict .text { font-size: 17px; font-weight: bold; }
.verdict.failed { border-color: var(--fail); background: var(--fail-bg); }
.verdict.failed .badge { background: var(--fail); }
.verdict.established { border-color: var(--ok); background: var(--ok-bg); }
.verdict.established .badge { background: var(--ok); }
figure.diagram { margin: 0; border: 1px solid var(--rule); border-radius: 4px;
  padding: 8px; overflow-x: auto; }
figure.diagram svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figure.diagram figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; }
.gateway { border: 1px solid var(--rule); border-radius: 4px; padding: 10px 14px;
  min-width: 0; }
.gateway h3 { margin-top: 2px; font-size: 18px; }
.gateway .product { margin: 0 0 8px; color: var(--muted); }
.gateway h4 { margin: 14px 0 4px; font-size: 14px; }
.role { display: inline-block; font-size: 12px; font-weight: normal; color: var(--accent);
  border: 1px solid var(--accent); border-radius: 3px; padding: 0 6px;
  vertical-align: middle; margin-left: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 4px 7px;
  border-bottom: 1px solid var(--rule); }
thead th { background: var(--head); font-weight: bold; border-bottom: 2px solid var(--rule); }
table.settings th { width: 36%; font-weight: normal; color: var(--muted); }
table.proposals td:first-child, table.proposals th:first-child { width: 2.2em; }
table.proposals td { white-space: nowrap; }
.scroll { overflow-x: auto; }
.mismatch { background: var(--mark); outline: 2px solid var(--fail); outline-offset: -2px;
  font-weight: bold; }
.mismatch::after { content: "\\00a0\\2260"; color: var(--fail); }
thead th.mismatch::after { content: ""; }
.legend .swatch { display: inline-block; padding: 0 8px; background: var(--mark);
  outline: 2px solid var(--fail); outline-offset: -2px; font-weight: bold; }
.fixed { font-size: 13px; color: var(--muted); margin-top: 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px;
  margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table.conflicts { margin: 8px 0 4px; }
table.conflicts td { font-weight: bold; }
.likely li { font-style: italic; }
.fixes { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; }
.fixes ol { margin: 4px 0; padding-left: 22px; }
.fixes .none { color: var(--muted); }
ul.warnings { list-style: none; padding: 0; margin: 6px 0; }
ul.warnings li { background: var(--warn-bg); border-left: 5px solid #e0a100;
  padding: 5px 10px; margin: 4px 0; }
ul.warnings li::before { content: "warning: "; font-weight: bold; color: var(--warn); }
pre.log { background: #f6f8fa; border: 1px solid var(--rule); border-radius: 4px;
  padding: 8px 10px; margin: 4px 0 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
.undocumented { border: 1px dashed var(--muted); border-radius: 4px; padding: 6px 10px;
  color: var(--muted); margin: 4px 0 10px; }
ul.assumptions li { margin: 3px 0; }
ul.assumptions.other { color: var(--muted); font-size: 13px; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: 12.5px; }
@media (max-width: 860px) {
  body { padding: 12px; }
  .sides, .fixes { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { padding: 0; font-size: 10pt; }
  .page { max-width: none; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure.diagram, .gateway, .verdict, pre.log, table { break-inside: avoid;
    page-break-inside: avoid; }
  figure.diagram { overflow: visible; border: none; padding: 0; }
  .scroll { overflow: visible; }
  .sides { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 10px; }
  .fixes { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .gateway { padding: 6px 8px; }
  table { font-size: 7.5pt; }
  table.proposals { font-size: 7pt; }
  table.proposals th, table.proposals td { padding: 2px 2px; }
  .gateway h3 { font-size: 12.5pt; }
  .gateway h4 { font-size: 9.5pt; margin-top: 8px; }
  .fixed { font-size: 8pt; }
  #gateways { break-before: page; page-break-before: always; }
  th, td { padding: 2px 3px; }
  .logblock, .block { break-inside: avoid; page-break-inside: avoid; }
}
"""


class _Page:
    """The report being written: the run, its diagnosis, and the escaping of every text."""

    def __init__(self, run: ScenarioRun, diagnosis: Diagnosis, *, show_secrets: bool,
                 state_names: str, theme: str, source: str) -> None:
        self.run = run
        self.diagnosis = diagnosis
        self.show_secrets = show_secrets
        self.state_names = state_names
        self.theme = theme
        self.source = source
        secrets = set()
        if not show_secrets:
            for gateway in (run.scenario.left, run.scenario.right):
                if gateway.psk and len(gateway.psk) >= _MIN_SCRUBBED_SECRET:
                    secrets.add(gateway.psk)
        self._secret_re = (re.compile("|".join(re.escape(s) for s in sorted(
            secrets, key=lambda s: (-len(s), s)))) if secrets else None)
        self.marks: dict[Side, dict[str, list[Conflict]]] = {Side.LEFT: {}, Side.RIGHT: {}}
        for conflict in diagnosis.conflicts:
            for side, cells in conflict_cells(conflict, diagnosis).items():
                for cell in cells:
                    self.marks[side].setdefault(cell, []).append(conflict)

    # -- text --

    def scrub(self, text: object) -> str:
        """``text`` with the pre-shared keys replaced (unless they are to be shown)."""
        value = str(text)
        if self._secret_re is not None:
            value = self._secret_re.sub("(secret)", value)
        return value

    def e(self, text: object) -> str:
        """``text`` escaped for HTML (text and attribute values), secrets removed."""
        return html.escape(self.scrub(text), quote=True)

    def gateway(self, side: Side) -> Gateway:
        return self.run.scenario.gateway(side)

    def profile(self, side: Side) -> Profile | None:
        return self.run.profiles.get(self.gateway(side).profile)

    def product(self, side: Side) -> str:
        profile = self.profile(side)
        return profile.product if profile else self.gateway(side).profile

    def label(self, side: Side) -> str:
        return f"{self.gateway(side).name} ({self.product(side)})"

    def config(self, side: Side) -> PeerConfig:
        configs = self.run.configs
        return configs.initiator if self.run.role_of(side) is Role.INITIATOR else (
            configs.responder)

    def cell(self, side: Side, key: str, text: str, tag: str = "td") -> str:
        conflicts = self.marks[side].get(key)
        if not conflicts:
            return f"<{tag}>{self.e(text)}</{tag}>"
        left, right = self.gateway(Side.LEFT).name, self.gateway(Side.RIGHT).name
        why = "; ".join(f"does not match: {c.field} ({left}: {c.left}, {right}: {c.right})"
                        for c in conflicts)
        return f'<{tag} class="mismatch" title="{self.e(why)}">{self.e(text)}</{tag}>'

    # -- the parts --

    def document(self, svg: str) -> str:
        scenario = self.run.scenario
        title = scenario.title or (f"{scenario.left.name} and {scenario.right.name}")
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="ikeviz {self.e(__version__)}">',
            f"<title>{self.e('IKEv1 troubleshooting report: ' + title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            '<div class="page">',
            self.header(title),
            "<main>",
            self.verdict(),
            self.diagram(svg),
            self.gateways(),
            self.diagnosis_section(),
            self.warnings(),
            self.logs(),
            self.assumptions(),
            "</main>",
            self.footer(),
            "</div>",
            "</body>",
            "</html>",
        ]
        return "\n".join(p for p in parts if p) + "\n"

    def header(self, title: str) -> str:
        scenario = self.run.scenario
        initiator = self.run.configs.initiator_side
        network = scenario.network
        if network.nat:
            path = (f"a NAT in front of the initiator (public address "
                    f"{network.nat_public_address})")
        else:
            path = "no NAT"
        lines = [
            '<header class="top">',
            '<p class="kind">IKEv1 troubleshooting report</p>',
            f"<h1>{self.e(title)}</h1>",
            f"<p>{self.e(self.label(Side.LEFT))} &#8644; {self.e(self.label(Side.RIGHT))}; "
            f"initiator: {self.e(self.gateway(initiator).name)}; network: {self.e(path)}, "
            f"latency {self.e(f'{network.latency_ms:g}')} ms.</p>",
        ]
        if scenario.description:
            lines.append(f'<p class="muted">{self.e(scenario.description)}</p>')
        lines.append('<nav class="toc"><a href="#verdict">Verdict</a>'
                     '<a href="#diagram">Diagram</a><a href="#gateways">Gateways</a>'
                     '<a href="#diagnosis">Diagnosis</a><a href="#warnings">Warnings</a>'
                     '<a href="#logs">Logs</a><a href="#assumptions">Assumptions</a></nav>')
        lines.append("</header>")
        return "\n".join(lines)

    def verdict(self) -> str:
        d = self.diagnosis
        kind, badge = ("established", "ESTABLISHED") if d.established else ("failed", "FAILED")
        return (f'<section id="verdict" class="verdict {kind}" aria-label="Verdict">'
                f'<span class="badge">{badge}</span>'
                f'<span class="text">{self.e(d.verdict)}</span></section>')

    def diagram(self, svg: str) -> str:
        return "\n".join([
            '<section id="diagram">',
            "<h2>Sequence diagram</h2>",
            '<figure class="diagram">',
            svg,
            f"<figcaption>{self.e(self.label(Side.LEFT))} on the left, "
            f"{self.e(self.label(Side.RIGHT))} on the right; time runs down. "
            f"State names: {self.e(self.state_names)}.</figcaption>",
            "</figure>",
            "</section>",
        ])

    def gateways(self) -> str:
        legend = ""
        if self.diagnosis.conflicts:
            legend = ('<p class="legend note"><span class="swatch">marked &#8800;</span> '
                      "the values that do not match (hover over a cell for both values)</p>")
        return "\n".join([
            '<section id="gateways">',
            "<h2>The two gateways</h2>",
            '<p class="note">As the engine uses them: the profile\'s fixed settings and '
            "defaults applied to what the scenario configures.</p>",
            legend,
            '<div class="sides">',
            self.gateway_card(Side.LEFT),
            self.gateway_card(Side.RIGHT),
            "</div>",
            "</section>",
        ])

    def _auth_text(self, gateway: Gateway) -> str:
        if gateway.auth is AuthKind.PSK:
            if gateway.psk is None:
                return "pre-shared key (not stored in the scenario)"
            if self.show_secrets:
                return f"pre-shared key: {gateway.psk}"
            return "pre-shared key (set)"
        if gateway.auth is AuthKind.RSA:
            keys = [what for what, value in (("own private key", gateway.private_key_pem),
                                             ("peer's public key", gateway.peer_public_key_pem))
                    if value]
            return "RSA signatures, raw keys" + (f" ({', '.join(keys)} set)" if keys else "")
        return "RSA signatures, certificates" + (" (certificate set)"
                                                 if gateway.certificate_pem else "")

    def _mode_text(self, side: Side, config: PeerConfig) -> str:
        profile = self.profile(side)
        if profile is not None and profile.fixed.main_mode_only:
            return "Main Mode only"
        if self.run.role_of(side) is Role.INITIATOR:
            return "Aggressive Mode" if config.behaviour.aggressive else "Main Mode"
        return "Main Mode" + (" (answers Aggressive Mode)" if config.behaviour.accept_aggressive
                              else "")

    def gateway_card(self, side: Side) -> str:
        gateway, config = self.gateway(side), self.config(side)
        profile = self.profile(side)
        role = "initiator" if self.run.role_of(side) is Role.INITIATOR else "responder"
        behaviour = config.behaviour
        pfs_groups = []
        for proposal in config.child_proposals:
            text = _group(proposal.pfs_group) if proposal.pfs_group is not None else "off"
            if text not in pfs_groups:
                pfs_groups.append(text)
        p1_lifetimes = _distinct(_seconds(p.lifetime_seconds, p.lifetime_kilobytes)
                                 for p in config.ike_proposals)
        p2_lifetimes = _distinct(_seconds(p.lifetime_seconds, p.lifetime_kilobytes)
                                 for p in config.child_proposals)
        nat_t = "on" if behaviour.nat_traversal else "off"
        if gateway.nat_traversal and not behaviour.nat_traversal:
            nat_t += f" (not supported by {self.product(side)})"
        local = config.local_selector.network if config.local_selector else "any"
        remote = config.remote_selector.network if config.remote_selector else "any"
        peer_id = (_identity_text(config.peer_identity.id_type, config.peer_identity.value)
                   if config.peer_identity else "any")
        rows = [
            ("address", "Address", gateway.address),
            ("identity", "Identity (sent)",
             _identity_text(config.identity.id_type, config.identity.value)),
            ("peer_identity", "Peer identity (expected)", peer_id),
            ("auth", "Authentication", self._auth_text(gateway)),
            ("mode", "Phase-1 mode", self._mode_text(side, config)),
            ("pfs", "PFS", f"{', '.join(pfs_groups) or 'off'}; policy: "
                           f"{behaviour.pfs.value}"),
            ("lifetimes", "Lifetimes", f"phase 1: {', '.join(p1_lifetimes) or 'none'}; "
                                       f"phase 2: {', '.join(p2_lifetimes) or 'none'}"),
            ("lifetime_policy", "If the peer's lifetime differs",
             f"phase 1: {behaviour.phase1_lifetime.value}; "
             f"phase 2: {behaviour.phase2_lifetime.value}"),
            ("subnets", "Subnets", f"local {local}, remote {remote}"),
            ("nat_t", "NAT traversal", nat_t),
        ]
        out = [
            f'<article class="gateway" aria-label="{self.e(gateway.name)}">',
            f'<h3>{self.e(gateway.name)} <span class="role">{role}</span></h3>',
            f'<p class="product">{self.e(profile.name if profile else gateway.profile)}</p>',
            '<table class="settings"><tbody>',
        ]
        for key, name, value in rows:
            out.append(f'<tr><th scope="row">{self.e(name)}</th>'
                       f"{self.cell(side, key, value)}</tr>")
        out.append("</tbody></table>")
        out.append(self.phase1_table(side, config.ike_proposals))
        out.append(self.phase2_table(side, config.child_proposals))
        fixed = _fixed_notes(profile)
        if fixed:
            out.append(f'<p class="fixed">Fixed by the product: {self.e("; ".join(fixed))}.</p>')
        out.append("</article>")
        return "\n".join(out)

    def _table(self, side: Side, caption: str, columns: Sequence[tuple[str, str]],
               rows: Sequence[Sequence[str]]) -> str:
        out = [f"<h4>{self.e(caption)}</h4>", '<div class="scroll">',
               '<table class="proposals">', "<thead><tr>"]
        out.extend(self.cell(side, key, name, "th") if key else f"<th>{self.e(name)}</th>"
                   for key, name in columns)
        out.append("</tr></thead>")
        out.append("<tbody>")
        if not rows:
            out.append(f'<tr><td colspan="{len(columns)}" class="muted">none</td></tr>')
        for row in rows:
            out.append("<tr>" + "".join(
                self.cell(side, key, value) if key else f"<td>{self.e(value)}</td>"
                for (key, _name), value in zip(columns, row, strict=True)) + "</tr>")
        out.append("</tbody></table></div>")
        return "\n".join(out)

    def phase1_table(self, side: Side, proposals: Sequence[IkeProposal]) -> str:
        columns = (("", "#"), ("p1.encryption", "Encryption"), ("p1.hash", "Hash"),
                   ("p1.group", "DH group"), ("p1.auth", "Authentication"),
                   ("p1.lifetime", "Lifetime"))
        rows = [(str(i), _p1_encryption(p), HASH_LABELS.get(p.hash, str(p.hash)),
                 _group(p.group), _auth_method(p.auth_method),
                 _seconds(p.lifetime_seconds, p.lifetime_kilobytes))
                for i, p in enumerate(proposals, 1)]
        return self._table(side, "Phase-1 proposals (IKE / ISAKMP SA)", columns, rows)

    def phase2_table(self, side: Side, proposals: Sequence[ChildProposal]) -> str:
        columns = (("", "#"), ("p2.protocol", "Protocol"), ("p2.encryption", "Encryption"),
                   ("p2.integrity", "Integrity"), ("p2.pfs", "PFS group"),
                   ("p2.lifetime", "Lifetime"))
        rows = []
        for i, p in enumerate(proposals, 1):
            for j, t in enumerate(p.transforms, 1):
                number = str(i) if len(p.transforms) == 1 else f"{i}.{j}"
                rows.append((number, f"{_protocol(p.protocol)} {_mode(p.encapsulation)}",
                             _esp_encryption(t), _integrity(t.auth_algorithm),
                             _group(p.pfs_group),
                             _seconds(p.lifetime_seconds, p.lifetime_kilobytes)))
        return self._table(side, "Phase-2 proposals (IPsec SA, Quick Mode)", columns, rows)

    def diagnosis_section(self) -> str:
        d = self.diagnosis
        out = ['<section id="diagnosis">', "<h2>Diagnosis</h2>"]
        facts: list[tuple[str, str]] = []
        if d.established:
            if d.phase1:
                facts.append(("Phase 1 agreed", d.phase1))
            if d.phase2:
                facts.append(("Phase 2 agreed", d.phase2))
        else:
            if d.failure_message or d.failure_label:
                where = d.failure_message or d.failure_label
                if d.failure_label and d.failure_message:
                    where += f" ({d.failure_label})"
                if d.payload:
                    where += f", payload {d.payload}"
                if d.attribute:
                    where += f", {d.attribute}"
                facts.append(("Where", where))
            if d.reason:
                facts.append(("Why", d.reason))
            if d.notify:
                by = f", sent by {self.label(d.refuser)}" if d.refuser else ""
                facts.append(("Notify", d.notify + by))
        if facts:
            out.append('<dl class="facts">')
            out.extend(f"<dt>{self.e(k)}</dt><dd>{self.e(v)}</dd>" for k, v in facts)
            out.append("</dl>")
        if d.conflicts:
            left, right = self.gateway(Side.LEFT).name, self.gateway(Side.RIGHT).name
            out.append('<div class="block">')
            out.append("<h3>The values that do not match</h3>")
            out.append('<table class="conflicts"><thead><tr><th>Setting</th>'
                       f"<th>{self.e(left)}</th><th>{self.e(right)}</th></tr></thead><tbody>")
            for c in d.conflicts:
                values = [c.left, c.right]
                if c.field == "pre-shared key" and self.show_secrets:
                    values = [self.gateway(s).psk or "(not stored)"
                              for s in (Side.LEFT, Side.RIGHT)]
                out.append(f'<tr><th scope="row">{self.e(c.field)}</th>'
                           + "".join(f"<td>{self.e(v)}</td>" for v in values) + "</tr>")
            out.append("</tbody></table></div>")
        if d.known:
            out.append('<div class="block"><h3>Known</h3>')
            out.append("<ul>" + "".join(f"<li>{self.e(k)}</li>" for k in d.known)
                       + "</ul></div>")
        if d.likely:
            out.append('<div class="block"><h3>Likely (not certain)</h3>')
            out.append('<ul class="likely">' + "".join(
                f"<li>{self.e(k)}</li>" for k in d.likely) + "</ul></div>")
        if d.fixes:
            out.append('<div class="block"><h3>Fixes</h3>')
            out.append('<p class="note">Each fix removes this failure on its own: change '
                       "the side you can change.</p>")
            out.append('<div class="fixes">')
            for side in (Side.LEFT, Side.RIGHT):
                fixes = [f for f in d.fixes if f.side is side]
                out.append(f"<div><h4>On {self.e(self.label(side))}</h4>")
                if fixes:
                    out.append("<ol>" + "".join(f"<li>{self.e(f.description)}</li>"
                                                for f in fixes) + "</ol>")
                else:
                    out.append('<p class="none">nothing to change here</p>')
                out.append("</div>")
            out.append("</div></div>")
        elif not d.established:
            out.append('<p class="muted">No fix is known for this failure.</p>')
        out.append("</section>")
        return "\n".join(out)

    def warnings(self) -> str:
        items = self.diagnosis.warnings
        body = ('<ul class="warnings">' + "".join(f"<li>{self.e(w)}</li>" for w in items)
                + "</ul>") if items else '<p class="muted">None.</p>'
        return f'<section id="warnings">\n<h2>Warnings</h2>\n{body}\n</section>'

    def logs(self) -> str:
        out = ['<section id="logs">', "<h2>What each product logs</h2>",
               '<p class="note">The lines to look for in each gateway\'s log at this point '
               "(from the profiles; connection names and SPIs are placeholders).</p>"]
        by_side: dict[Side, list[ProductLog]] = {Side.LEFT: [], Side.RIGHT: []}
        for log in self.diagnosis.logs:
            by_side[log.side].append(log)
        for side in (Side.LEFT, Side.RIGHT):
            out.append('<div class="logblock">')
            out.append(f"<h3>{self.e(self.label(side))}</h3>")
            if not by_side[side]:
                out.append('<p class="undocumented">No log line is modelled for this event '
                           f"in the {self.e(self.product(side))} profile.</p>")
            for log in by_side[side]:
                if log.documented:
                    out.append(f'<p class="note">{self.e(log.product)}:</p>')
                    out.append('<pre class="log">' + "\n".join(self.e(line) for line in log.lines)
                               + "</pre>")
                else:
                    out.append('<p class="undocumented"><strong>Not documented:</strong> what '
                               f"{self.e(self.product(side))} logs here is not known (its "
                               "documentation does not say, so the profile gives no line).</p>")
            out.append("</div>")
        out.append("</section>")
        return "\n".join(out)

    def assumptions(self) -> str:
        out = ['<section id="assumptions">', "<h2>Assumptions that matter</h2>",
               '<p class="note">What the profiles assume where the products\' documentation '
               "is silent: check these against the real gateways.</p>"]
        seen: list[str] = []
        for side in (Side.LEFT, Side.RIGHT):
            profile = self.profile(side)
            if profile is None or profile.id in seen:
                continue
            seen.append(profile.id)
            names = [self.gateway(s).name for s in (Side.LEFT, Side.RIGHT)
                     if self.gateway(s).profile == profile.id]
            out.append(f"<h3>{self.e(profile.name)} <span class=\"muted\">"
                       f"({self.e(', '.join(names))})</span></h3>")
            matter, other = relevant_assumptions(profile, self.run, self.diagnosis)
            if matter:
                out.append('<ul class="assumptions">' + "".join(
                    f"<li>{self.e(a)}</li>" for a in matter) + "</ul>")
            else:
                out.append('<p class="muted">None bears on this diagnosis.</p>')
            if other:
                out.append(f'<p class="note">Its other assumptions ({len(other)}):</p>')
                out.append('<ul class="assumptions other">' + "".join(
                    f"<li>{self.e(a)}</li>" for a in other) + "</ul>")
        out.append("</section>")
        return "\n".join(out)

    def footer(self) -> str:
        bits = [f"ikeviz {__version__}"]
        if self.source:
            bits.append(self.source)
        bits.append(f"seed {self.run.scenario.seed}")
        bits.append(f"state names: {self.state_names}")
        bits.append("secrets shown" if self.show_secrets else "secrets hidden")
        return ("<footer><p>Written by " + " &#183; ".join(self.e(b) for b in bits)
                + ". The same scenario and seed give the same report.</p></footer>")


def _distinct(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def _fixed_notes(profile: Profile | None) -> list[str]:
    if profile is None:
        return []
    fixed = profile.fixed
    notes = []
    if fixed.main_mode_only:
        notes.append("Main Mode only")
    if fixed.identity == "wan-address":
        notes.append("the identities are the WAN addresses")
    if fixed.pfs == "always":
        notes.append("PFS always on")
    elif fixed.pfs == "never":
        notes.append("no PFS")
    if fixed.phase2_same_as_phase1:
        notes.append("phase 2 repeats the phase-1 algorithms and group")
    if fixed.tunnel_only:
        notes.append("tunnel mode only")
    if fixed.esp_only:
        notes.append("ESP only")
    return notes


_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_DOCTYPE_RE = re.compile(r"^\s*<!DOCTYPE[^>]*>\s*", re.IGNORECASE)
_SVG_OPEN_RE = re.compile(r"<svg\b[^>]*>")


def inline_svg(svg: str, *, width: int, height: int, label: str) -> str:
    """A standalone SVG document made fit for inclusion in an HTML page.

    The XML declaration goes, and so do the namespace declarations (the HTML
    parser puts ``<svg>`` in the SVG namespace by itself, and they are the
    page's only ``http://`` strings); the size in millimetres becomes pixels.
    """
    svg = _DOCTYPE_RE.sub("", _XML_DECL_RE.sub("", svg))
    match = _SVG_OPEN_RE.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    tag = match.group(0)
    viewbox = re.search(r'viewBox="([^"]*)"', tag)
    view = viewbox.group(1) if viewbox else f"0 0 {width} {height}"
    opening = (f'<svg width="{width}" height="{height}" viewBox="{html.escape(view)}" '
               f'role="img" aria-label="{html.escape(label, quote=True)}">')
    return (svg[:match.start()] + opening + svg[match.end():]).strip()


def render_report_html(
    run: ScenarioRun,
    diagnosis: Diagnosis,
    *,
    show_secrets: bool = False,
    state_names: StateNaming = "profile",
    theme: str = "light",
    source: str = "",
) -> str:
    """The troubleshooting report of ``run`` as one self-contained HTML5 page.

    ``state_names``: whose state names the diagram shows (as
    :func:`~ikeviz.render.build_diagram`); ``theme``: the diagram's theme,
    "light" or "print"; ``source``: what the footer names as the input (a
    file name, "lesson NAME"), or nothing. Same arguments, same string. Needs
    a ``QGuiApplication`` (made offscreen if there is none) for the diagram.
    """
    if theme not in REPORT_THEMES:
        raise ValueError(f"unknown report theme {theme!r}: expected light or print")
    # Qt only here, so that importing this module stays cheap.
    from ikeviz.render.export import ensure_qt_app, render_svg
    from ikeviz.render.painter import THEMES, diagram_size

    ensure_qt_app()
    diagram = build_diagram(run, diagnosis, state_names=state_names, show_secrets=show_secrets)
    size = diagram_size(diagram, THEMES[theme])
    svg_bytes = render_svg(diagram, size, theme=THEMES[theme])
    width, height = ceil(size.width()), ceil(size.height())
    page = _Page(run, diagnosis, show_secrets=show_secrets, state_names=state_names,
                 theme=theme, source=source)
    label = f"Sequence diagram: {diagram.title or run.scenario.title}. {diagnosis.verdict}"
    svg = inline_svg(svg_bytes.decode("utf-8"), width=width, height=height,
                     label=page.scrub(label))
    return page.document(svg)


def write_report(path: str | os.PathLike[str], run: ScenarioRun, diagnosis: Diagnosis, *,
                 show_secrets: bool = False, state_names: StateNaming = "profile",
                 theme: str = "light", source: str = "") -> None:
    """Write :func:`render_report_html` to ``path`` (UTF-8, ``\\n`` line ends)."""
    text = render_report_html(run, diagnosis, show_secrets=show_secrets,
                              state_names=state_names, theme=theme, source=source)
    Path(path).write_bytes(text.encode("utf-8"))


__all__ = [
    "REPORT_THEMES",
    "conflict_cells",
    "inline_svg",
    "relevant_assumptions",
    "render_report_html",
    "write_report",
]
