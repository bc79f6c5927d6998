//! `sfconnect-sim`: runs the Salesforce and CustomerOS simulators on loopback and prints
//! their addresses and test credentials.

use sfconnect_sim::creds;

const USAGE: &str = "usage: sfconnect-sim [--login-port P] [--my-domain-port P] [--customeros-port P] \
[--callback-port P]... [--approval-page] [--deny]";

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut login, mut my_domain, mut customeros) = (0u16, 0u16, 0u16);
    let mut callbacks = Vec::new();
    let (mut approval_page, mut deny) = (false, false);
    while let Some(arg) = args.next() {
        let mut port = |name: &str| -> u16 {
            args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                eprintln!("{name} needs a port number\n{USAGE}");
                std::process::exit(2)
            })
        };
        match arg.as_str() {
            "--login-port" => login = port(&arg),
            "--my-domain-port" => my_domain = port(&arg),
            "--customeros-port" => customeros = port(&arg),
            "--callback-port" => callbacks.push(port(&arg)),
            "--approval-page" => approval_page = true,
            "--deny" => deny = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => {
                eprintln!("unknown argument {other}\n{USAGE}");
                std::process::exit(2)
            }
        }
    }
    if callbacks.is_empty() {
        callbacks.push(7717);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("couldn't start: {err}");
            std::process::exit(1)
        }
    };
    runtime.block_on(async move {
        let sims = match sfconnect_sim::start_on(login, my_domain, customeros, &callbacks).await {
            Ok(sims) => sims,
            Err(err) => {
                eprintln!("couldn't bind the simulators: {err}");
                std::process::exit(1)
            }
        };
        sims.salesforce.switches(|s| {
            s.approval_page = approval_page;
            s.deny = deny;
        });
        let callbacks: Vec<String> = callbacks
            .iter()
            .map(|p| format!("http://localhost:{p}/callback"))
            .collect();
        println!("Salesforce (login host)   {}", sims.salesforce.login_url());
        println!(
            "Salesforce (My Domain)    {}",
            sims.salesforce.my_domain_url()
        );
        println!("CustomerOS settings-api   {}", sims.customeros.url());
        println!("Callback URLs             {}", callbacks.join(", "));
        println!();
        println!("Test credentials (simulated org only):");
        println!("  Consumer Key            {}", creds::CLIENT_ID);
        println!("  Consumer Secret         {}", creds::CLIENT_SECRET);
        println!(
            "  Username / password     {} / {}",
            creds::USERNAME,
            creds::PASSWORD
        );
        println!("  Security token          {}", creds::SECURITY_TOKEN);
        println!("  CustomerOS user         {}", creds::CUSTOMEROS_USER);
        println!("  CustomerOS API key      {}", creds::CUSTOMEROS_API_KEY);
        println!();
        println!("Press Ctrl-C to stop.");
        let _ = tokio::signal::ctrl_c().await;
    });
}
