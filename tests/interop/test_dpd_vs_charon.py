"""Dead Peer Detection (RFC 3706) against a real charon 5.9.8.

Our engine sends the DPD vendor ID; charon, with ``dpd_delay = 1``, then sends an
R-U-THERE every second in an encrypted Informational exchange. Each must be answered
with an R-U-THERE-ACK carrying the same sequence number (RFC 3706 §5.1), or charon
declares us dead ("DPD check timed out") and deletes the SA.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from ikeviz.protocol.config import Role
from ikeviz.protocol.events import NotifyReceived, NotifySent
from ikeviz.protocol.registry import NotifyType
from ikeviz.protocol.states import State

from .charon import CharonLab
from .test_engine_vs_charon import (
    BEHAVIOUR,
    CHARON_BASE,
    SUITES,
    _describe_run,
    _need_shim,
    engine_config,
    run_engine,
)

SUITE = SUITES["aes128-sha1-modp2048-nopfs"]


@pytest.mark.parametrize("role", [Role.INITIATOR, Role.RESPONDER], ids=lambda r: r.value)
def test_we_answer_charons_dpd(charon_lab: Callable[..., CharonLab], role: Role) -> None:
    _need_shim()
    lab = charon_lab(dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                                         esp_proposals=[SUITE.charon_esp], dpd_delay=1),
                     shim=True)
    config = dataclasses.replace(
        engine_config(SUITE.ike, SUITE.child),
        behaviour=dataclasses.replace(
            BEHAVIOUR, send_vendor_ids=("RFC 3706 DPD (Dead Peer Detection)",)))
    run = run_engine(lab, config, role, f"dpd/{role.value}", settle=0.3)
    assert run.peer.state is State.ESTABLISHED, _describe_run(run)
    with lab.endpoint() as endpoint:  # three seconds more: about three DPD requests
        run.driver.endpoint = endpoint
        run.driver.run(timeout=3.2, until=lambda _driver: False)
    asked = [e for e in run.events if isinstance(e, NotifyReceived)
             and e.notify_type == NotifyType.R_U_THERE]
    answered = [e for e in run.events if isinstance(e, NotifySent)
                and e.notify_type == NotifyType.R_U_THERE_ACK]
    assert len(asked) >= 2 and len(answered) == len(asked)
    log = lab.peer.log_text()
    acks = re.findall(r"parsed INFORMATIONAL_V1 request \d+ \[ HASH N\(DPD_ACK\) \]", log)
    assert len(acks) >= 2, log[-3000:]
    assert "DPD check timed out" not in log
    assert run.peer.state is State.ESTABLISHED
