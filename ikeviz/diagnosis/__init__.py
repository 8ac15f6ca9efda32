"""Where a negotiation fails, why, and what to change, on which side."""

from ikeviz.diagnosis.diagnose import (
    Conflict,
    Diagnosis,
    Fix,
    ProductLog,
    apply_fix,
    at_message,
    diagnose,
    failed_at,
    message_name,
    reason_text,
)

__all__ = ["Conflict", "Diagnosis", "Fix", "ProductLog", "apply_fix", "at_message", "diagnose",
           "failed_at", "message_name", "reason_text"]
