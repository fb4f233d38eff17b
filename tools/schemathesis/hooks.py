"""Schemathesis hooks for tests/server/schemathesis.test.ts (named by the config tools/schemathesis/config.ts writes).

A run's config fixes some path parameters to real places and people (VC_FUZZ_FIXED_PATH lists
them). Schemathesis puts those values in after generating a case, so a case made invalid only
through such a parameter goes out as a valid request while still labelled invalid, and
negative_data_rejection then reports "invalid data accepted" for a request that was valid. Those
cases are dropped before they are sent; every other invalid case goes out.
"""

import os

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import is_unexpected_http_status_case

FIXED = frozenset(name for name in os.environ.get("VC_FUZZ_FIXED_PATH", "").split(",") if name)


def invalid_only_in_fixed_path(case) -> bool:
    meta = case.meta
    if meta is None or not FIXED:
        return False
    negative = [location for location, component in meta.components.items() if component.mode.is_negative]
    if negative != [ParameterLocation.PATH]:
        return False
    data = meta.phase.data
    targets = [(mutation.parameter_location, mutation.parameter) for mutation in getattr(data, "mutations", ())]
    if not targets and getattr(data, "parameter_location", None) is not None:
        targets = [(data.parameter_location, data.parameter)]
    # unknown targets: keep the case
    return bool(targets) and all(
        location == ParameterLocation.PATH and name in FIXED for location, name in targets
    )


@schemathesis.hook
def filter_case(context, case):
    return not invalid_only_in_fixed_path(case)


# Error codes that mean "this request is malformed" (types/src/errors.ts). A request valid by the
# document must never get one: that would mean the document and the server disagree on its shape.
SHAPE_CODES = frozenset(
    {"VALIDATION_FAILED", "INVALID_JSON", "FORBIDDEN_KEY", "UNSUPPORTED_MEDIA_TYPE", "BODY_TOO_LARGE", "ROUTE_NOT_FOUND", "METHOD_NOT_ALLOWED"}
)


@schemathesis.check
def positive_data_shape(ctx, response, case):
    """Schema-valid data is never refused as malformed; a 4xx must name a rule of the domain.

    Replaces positive_data_acceptance (disabled in tests/server/schemathesis.test.ts), which judges
    by status alone: it cannot tell "the document lies about the shape" (400 VALIDATION_FAILED) from
    a refusal by a rule no schema can state (400 LEDGER_END_BEFORE_START, 400 WECHAT_CODE_INVALID for
    a code WeChat does not know, 410 INVITATION_WITHDRAWN). This check tells them apart by the
    stable error code every refusal carries, and fails on a refusal without one.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if is_unexpected_http_status_case(case):
        return None
    # A stateful step may fill a path parameter from a field an earlier reply legitimately left null
    # (a report of a group message has consultationId null): the request then says "None", which no
    # document allows, so it is not schema-valid data. (CI, village cadre: POST /api/consultations/None/rating)
    if any(value is None or value == "None" for value in (case.path_parameters or {}).values()):
        return None
    if not 400 <= response.status_code < 500:
        return None
    try:
        code = response.json()["error"]["code"]
    except Exception:  # noqa: BLE001 - any body without the error shape is itself the failure
        raise AssertionError(f"A refusal ({response.status_code}) without a stable error code")
    if code in SHAPE_CODES:
        raise AssertionError(f"Valid data refused as malformed: {response.status_code} {code}")
    return None
