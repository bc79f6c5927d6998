"""Reads an org through simple-salesforce (the widely used Python Salesforce client, from
PyPI): limits, describe, COUNT() queries. Run by tests/tests/client_libraries.rs against the
simulator (plain HTTP on loopback: the library always builds https:// URLs, so a transport
adapter sends them to http:// instead); prints one JSON object.
Environment: INSTANCE_URL, ACCESS_TOKEN."""
import json
import os
import urllib.parse

import requests
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce

instance = urllib.parse.urlparse(os.environ["INSTANCE_URL"])


class ToPlainHttp(HTTPAdapter):
    """Sends the library's https://host:port requests to the simulator's http://host:port."""

    def send(self, request, **kwargs):
        request.url = "http://" + request.url[len("https://"):]
        return super().send(request, **kwargs)


session = requests.Session()
session.mount(f"https://{instance.netloc}", ToPlainHttp())
sf = Salesforce(
    instance=instance.netloc,
    session_id=os.environ["ACCESS_TOKEN"],
    version="64.0",
    session=session,
)
limits = sf.limits()
describe = sf.describe()
counts = {o: sf.query(f"SELECT COUNT() FROM {o}")["totalSize"] for o in ["Account", "Contact", "Opportunity", "Lead"]}
print(json.dumps({
    "api_remaining": limits["DailyApiRequests"]["Remaining"],
    "objects": [s["name"] for s in describe["sobjects"]],
    "counts": counts,
}))
