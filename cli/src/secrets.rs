//! Secrets come from environment variables or a hidden prompt — never from argv.

use sfconnect_core::{Code, Error, Field};
use std::io::IsTerminal;

/// Reads `var`, or prompts without echo when stdin is a terminal; `None` when neither.
pub(crate) fn read(var: &str, prompt: &str) -> Result<Option<String>, Error> {
    if let Ok(value) = std::env::var(var) {
        return Ok(Some(value));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    rpassword::prompt_password(format!("{prompt}: "))
        .map(Some)
        .map_err(|_| Error::Local {
            code: Code::TerminalUnreadable,
            message: format!("Couldn't read the {prompt} from the terminal. Set {var} instead."),
            detail: String::new(),
        })
}

/// Like [`read`], but a missing value is an input error naming the variable.
pub(crate) fn require(var: &str, prompt: &str, field: Field) -> Result<String, Error> {
    match read(var, prompt)? {
        Some(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(Error::input(
            field,
            format!("Enter the {prompt}: set {var}, or run sfconnect in a terminal to be asked."),
        )),
    }
}
