//! Unit tests of `soap`.

use super::*;

#[test]
fn reads_elements_and_faults() {
    let xml = "<soapenv:Envelope xmlns:soapenv=\"x\"><soapenv:Body><soapenv:Fault>\
               <faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid \
               username, password, security token; or user locked out.</faultstring>\
               </soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    assert_eq!(
        element_text(xml, "faultcode").as_deref(),
        Some("sf:INVALID_LOGIN")
    );
    let err = fault_error("sf:INVALID_LOGIN", "x");
    assert_eq!(err.code(), "login_failed");
    assert_eq!(
        element_text("<a><b>x &amp; y</b></a>", "b").as_deref(),
        Some("x & y")
    );
    assert_eq!(element_text("<a></a>", "b"), None);
}
