"""Schemathesis's acceptance of valid data, with the story services' content rules.

The document can say that `image_base64` is a string and that a drawing's words are strings, but
not that the string must be a PNG or JPEG that opens, nor that no story for a child has a word
longer than 48 letters or an unkind word. So a generated request can be schema-valid and still be
refused, rightly, for what it holds: with 422 and one of the codes below. Any other refusal of
valid data (400, 415, a 422 for the request's shape, a 5xx) stays a failure, which the built-in
`positive_data_acceptance` check (replaced by this one in run.py) would not tell apart.
"""

from __future__ import annotations

import json

import schemathesis

# The Problem codes of a request refused for its content, not its shape.
CONTENT_REFUSALS = frozenset({"not_base64", "not_a_picture", "damaged_picture", "picture_too_large", "story_refused"})
# Answers that say nothing about the data: a sign-in or rate refusal.
NEUTRAL_STATUSES = frozenset({401, 403, 429})


@schemathesis.check
def valid_data_is_accepted_or_refused_for_its_content(ctx, response, case):  # noqa: ARG001
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if 200 <= status < 300 or status in NEUTRAL_STATUSES:
        return None
    code = None
    if status == 422:
        try:
            code = json.loads(response.content).get("code")
        except (ValueError, AttributeError):
            code = None
        if code in CONTENT_REFUSALS:
            return None
    raise AssertionError(
        f"Valid data should have been accepted or refused for its content (422 with one of "
        f"{sorted(CONTENT_REFUSALS)}); the server answered {status} with code {code!r}"
    )
