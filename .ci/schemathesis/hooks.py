"""Schemathesis hooks for .ci/fuzz-api.sh: sign every /v1 request with the JIL HMAC scheme (docs/api.md §HMAC request
auth), send the admin token on /admin routes, and count the answers per operation and status.

The signature is computed on the prepared request (a `requests` auth object), so it covers exactly the bytes sent:
the final path and query as `requests` encoded them, and the serialized body.

Environment: JIL_FUZZ_ACCESS_KEY_ID, JIL_FUZZ_SECRET (base64, decoded here), JIL_FUZZ_CUSTODIAN (the key's custodian:
written into generated validate bodies, which a generator cannot guess), JIL_FUZZ_ADMIN_TOKEN, JIL_FUZZ_COUNTS (a
file: one line `METHOD PATH-TEMPLATE STATUS` per answer).
"""

import base64
import datetime
import hashlib
import hmac
import os
import secrets
import threading
from urllib.parse import unquote_to_bytes, urlsplit

import requests
import schemathesis

UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_lock = threading.Lock()


def canonical_component(text: str) -> str:
    """Percent-decode (UTF-8) and re-encode all but the RFC 3986 unreserved characters, upper-case hex."""
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in unquote_to_bytes(text))


def canonical_query(query: str) -> str:
    pairs = []
    for part in query.split("&"):
        if part == "":
            continue
        name, _, value = part.partition("=")
        pairs.append((canonical_component(name), canonical_component(value)))
    pairs.sort(key=lambda p: (p[0].encode(), p[1].encode()))
    return "&".join(f"{n}={v}" for n, v in pairs)


def canonical_request(method: str, path_url: str, timestamp: str, nonce: str, body: bytes) -> str:
    parts = urlsplit(path_url)
    path = "/".join(canonical_component(segment) for segment in parts.path.split("/"))
    return "\n".join([method.upper(), path, canonical_query(parts.query), timestamp, nonce, hashlib.sha256(body).hexdigest()])


class JilHmacAuth(requests.auth.AuthBase):
    """Adds the four X-JIL headers to a prepared request (replacing any the generator put there)."""

    def __init__(self, key_id: str, secret_b64: str):
        self.key_id = key_id
        self.secret = base64.b64decode(secret_b64)  # the secret is base64: the HMAC key is the decoded bytes

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        body = r.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        timestamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        nonce = secrets.token_urlsafe(16)
        try:
            canonical = canonical_request(r.method or "GET", r.path_url, timestamp, nonce, body)
        except Exception:  # a path the generator broke on purpose: send it unsigned, the server refuses it
            return r
        signature = base64.b64encode(hmac.new(self.secret, canonical.encode("utf-8"), hashlib.sha256).digest()).decode()
        for name in list(r.headers):
            if name.lower().startswith("x-jil-"):
                del r.headers[name]
        r.headers.update({"X-JIL-Access-Key-Id": self.key_id, "X-JIL-Timestamp": timestamp, "X-JIL-Nonce": nonce, "X-JIL-Signature": signature})
        return r


class AdminBearer(requests.auth.AuthBase):
    def __init__(self, token: str):
        self.token = token

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["Authorization"] = f"Bearer {self.token}"
        return r


HMAC_AUTH = JilHmacAuth(os.environ["JIL_FUZZ_ACCESS_KEY_ID"], os.environ["JIL_FUZZ_SECRET"])
ADMIN_AUTH = AdminBearer(os.environ["JIL_FUZZ_ADMIN_TOKEN"])
CUSTODIAN = os.environ["JIL_FUZZ_CUSTODIAN"]
COUNTS = os.environ["JIL_FUZZ_COUNTS"]


@schemathesis.hook
def before_call(context, case, kwargs):
    path = case.operation.path
    if path == "/v1/preclearance/validate" and isinstance(case.body, dict) and "custodian_id" in case.body:
        case.body["custodian_id"] = CUSTODIAN
    if path.startswith("/v1/"):
        kwargs["auth"] = HMAC_AUTH
    elif path.startswith("/admin/"):
        kwargs["auth"] = ADMIN_AUTH


@schemathesis.hook
def after_call(context, case, response):
    with _lock, open(COUNTS, "a", encoding="utf-8") as f:
        f.write(f"{case.operation.method.upper()} {case.operation.path} {response.status_code}\n")
