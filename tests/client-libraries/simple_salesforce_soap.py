"""Signs in the way simple-salesforce (PyPI) does without an app: SOAP login() with username,
password and security token. Counts accounts, and reports how the library saw a wrong password
and any refusal of the right one (it reads sf:exceptionCode from the fault's <detail>). Run by tests/tests/client_libraries.rs against the simulator (the library always
builds https://login.salesforce.com, so a transport adapter sends that to the simulator's login
host and other https:// addresses to http://); prints one JSON object.
Environment: LOGIN_URL, USERNAME, PASSWORD, SECURITY_TOKEN."""
import json
import os

import requests
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce, SalesforceAuthenticationFailed

LOGIN = "https://login.salesforce.com"


class ToSimulator(HTTPAdapter):
    """Sends https://login.salesforce.com to LOGIN_URL and other https:// URLs to http://."""

    def send(self, request, **kwargs):
        if request.url.startswith(LOGIN):
            request.url = os.environ["LOGIN_URL"] + request.url[len(LOGIN):]
        else:
            request.url = "http://" + request.url[len("https://"):]
        return super().send(request, **kwargs)


def sign_in(password):
    session = requests.Session()
    session.mount("https://", ToSimulator())
    return Salesforce(
        username=os.environ["USERNAME"],
        password=password,
        security_token=os.environ["SECURITY_TOKEN"],
        domain="login",
        version="64.0",
        session=session,
    )


def attempt(password):
    try:
        sf = sign_in(password)
        return {"accounts": sf.query("SELECT COUNT() FROM Account")["totalSize"]}
    except SalesforceAuthenticationFailed as failed:
        return {"refused": {"code": failed.code, "message": failed.message}}


print(json.dumps({
    "wrong_password": attempt("not-the-password"),
    "right_password": attempt(os.environ["PASSWORD"]),
}))
