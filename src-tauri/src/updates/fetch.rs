//! What the updater reads, bounded (security review 2, N8): the manifest and the package are
//! read here with a size cap, a stall timeout and an overall timeout, so a hostile or broken
//! mirror can neither hang a look for ever nor fill memory. Tauri's updater then judges what was
//! read: the manifest through `restore_update` (which also requires each signature to name the
//! version announced), the package through its minisign signature, before anything installs.

use std::time::Duration;

/// The most of a manifest that is read: a real one is about 2 KiB.
pub(super) const MANIFEST_CAP: usize = 1024 * 1024;
/// The most of a package that is read: today's are 10–20 MB.
pub(super) const PACKAGE_CAP: usize = 300 * 1024 * 1024;
/// How long a look for an update may take in all.
pub(super) const MANIFEST_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a package download may take in all (20 MB at 1 Mbit/s is under 3 minutes).
pub(super) const PACKAGE_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// How long the server may send nothing before the download is given up.
const STALL_TIMEOUT: Duration = Duration::from_secs(60);

/// What an address answered.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Fetched {
    /// The whole body, within the cap.
    Body(Vec<u8>),
    /// 204 No Content: the update server's way of saying "nothing new".
    NoContent,
}

/// Reads `url` whole, refusing more than `cap` bytes (a larger declared length is refused
/// unread) and giving up after `timeout`. The error is a sentence for a support detail.
pub(super) async fn read_capped(
    url: &url::Url,
    cap: usize,
    timeout: Duration,
) -> Result<Fetched, String> {
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .read_timeout(STALL_TIMEOUT)
        .timeout(timeout)
        .user_agent(concat!("sfconnect-updater/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())?;
    let mut response = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    let status = response.status();
    if status == reqwest::StatusCode::NO_CONTENT {
        return Ok(Fetched::NoContent);
    }
    if !status.is_success() {
        return Err(format!("the update address answered HTTP {status}"));
    }
    let over = || format!("the answer is over {} KiB, so it was not read", cap / 1024);
    if response
        .content_length()
        .is_some_and(|length| length > cap as u64)
    {
        return Err(over());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| e.without_url().to_string())?
    {
        if body.len() + chunk.len() > cap {
            return Err(over());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Fetched::Body(body))
}

#[cfg(test)]
mod tests {
    use super::{Fetched, MANIFEST_CAP, MANIFEST_TIMEOUT, read_capped};
    use std::io::{Read, Write};

    type Outcome = Result<(), Box<dyn std::error::Error>>;

    /// Serves one answer (`head`, then `body_len` bytes of `x` in 64 KiB writes) to each
    /// connection; returns its address.
    fn serve(head: &'static str, body_len: usize) -> Result<url::Url, Box<dyn std::error::Error>> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut request = [0_u8; 4096];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(head.as_bytes());
                let block = vec![b'x'; 64 * 1024];
                let mut left = body_len;
                while left > 0 {
                    let n = left.min(block.len());
                    if stream.write_all(&block[..n]).is_err() {
                        break;
                    }
                    left -= n;
                }
            }
        });
        Ok(format!("http://127.0.0.1:{port}/latest.json").parse()?)
    }

    #[tokio::test]
    async fn a_manifest_over_the_cap_is_refused_declared_or_streamed() -> Outcome {
        // Security review 2, N8: a mirror streaming past the cap, or declaring 4 GiB.
        let streamed = serve(
            "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
            MANIFEST_CAP + 1,
        )?;
        let said = read_capped(&streamed, MANIFEST_CAP, MANIFEST_TIMEOUT).await;
        assert_eq!(
            said,
            Err("the answer is over 1024 KiB, so it was not read".into())
        );
        let declared = serve(
            "HTTP/1.1 200 OK\r\nContent-Length: 4294967296\r\nConnection: close\r\n\r\n",
            0,
        )?;
        let said = read_capped(&declared, MANIFEST_CAP, MANIFEST_TIMEOUT).await;
        assert!(said.is_err_and(|e| e.contains("over 1024 KiB")));
        Ok(())
    }

    #[tokio::test]
    async fn an_answer_within_the_cap_is_read_whole_and_204_means_nothing_new() -> Outcome {
        let fine = serve(
            "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n",
            1000,
        )?;
        let said = read_capped(&fine, MANIFEST_CAP, MANIFEST_TIMEOUT).await;
        assert_eq!(said, Ok(Fetched::Body(vec![b'x'; 1000])));
        let none = serve("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n", 0)?;
        let said = read_capped(&none, MANIFEST_CAP, MANIFEST_TIMEOUT).await;
        assert_eq!(said, Ok(Fetched::NoContent));
        Ok(())
    }

    #[tokio::test]
    async fn a_server_that_never_answers_is_given_up() -> Outcome {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        std::thread::spawn(move || {
            let held: Vec<_> = listener.incoming().flatten().collect();
            drop(held);
        });
        let url = format!("http://127.0.0.1:{port}/latest.json").parse()?;
        let said = read_capped(&url, MANIFEST_CAP, std::time::Duration::from_millis(300)).await;
        assert!(said.is_err());
        Ok(())
    }
}
