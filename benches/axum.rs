//! What the tower layer costs an axum handler, in one run:
//! `cargo bench --bench axum --features axum`.
//!
//! The same router three ways, signed in with a typical next-auth v4 session cookie (the
//! 340-character `v4/ascii-secret/typical` token minted by the real next-auth, from
//! `tests/fixtures/tokens.json`, read at the fixture's frozen clock):
//! - `bare`: no layer, a handler that ignores the session;
//! - `layer`: the same handler behind `NextAuthLayer` (the session is read, left unused);
//! - `layer+extractor`: behind the layer, a handler taking `Auth<User>` (read + deserialize).
//!
//! Requests are built as hyper hands them to axum (`http::Request` with headers, an empty body)
//! and driven with `tower::ServiceExt::oneshot`. Prints per-request µs, the ratio, and the
//! layer's cost (the difference), against the goal of ≤ 5 µs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request};
use axum::routing::get;
use axum::Router;
use criterion::Criterion;
use nextauth_edge::reader::SessionEnv;
use nextauth_edge::server::{Auth, NextAuthLayerBuilder};
use nextauth_edge::token::{Secret, UnixTime};
use serde::Deserialize;
use serde_json::Value;
use tower::ServiceExt;

#[derive(Deserialize)]
#[allow(dead_code)]
struct User {
    sub: String,
    name: String,
    email: String,
}

async fn plain() -> &'static str {
    "ok"
}

async fn with_user(Auth(user): Auth<User>) -> &'static str {
    black_box(&user);
    "ok"
}

struct Setup {
    cookie: String,
    routers: Vec<(&'static str, Router)>,
}

fn setup() -> Setup {
    let fixtures: Value = serde_json::from_str(include_str!("../tests/fixtures/tokens.json"))
        .expect("fixtures parse");
    let now = UnixTime(fixtures["now"].as_i64().expect("now"));
    let case = fixtures["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|case| case["name"] == "v4/ascii-secret/typical")
        .expect("typical v4 fixture");
    let token = case["token"].as_str().expect("token");
    let env = SessionEnv {
        nextauth_secret: Some(Secret::new(case["secret"].as_str().expect("secret"))),
        ..SessionEnv::default()
    };
    let layer = NextAuthLayerBuilder::with_env(env)
        .clock(move || now)
        .build()
        .expect("layer");
    let routers = vec![
        ("bare", Router::new().route("/api/me", get(plain))),
        (
            "layer",
            Router::new()
                .route("/api/me", get(plain))
                .layer(layer.clone()),
        ),
        (
            "layer+extractor",
            Router::new().route("/api/me", get(with_user)).layer(layer),
        ),
    ];
    // A browser's Cookie header: the session among a few other cookies.
    let cookie = format!(
        "theme=dark; next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000; \
         next-auth.session-token={token}; _ga=GA1.1.123456789.1700000000"
    );
    Setup { cookie, routers }
}

fn request(cookie: &str) -> Request<Body> {
    Request::builder()
        .uri("/api/me")
        .header(header::HOST, "localhost:3001")
        .header(
            header::USER_AGENT,
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        )
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

fn call(runtime: &tokio::runtime::Runtime, router: &Router, cookie: &str) {
    let response = runtime
        .block_on(router.clone().oneshot(request(cookie)))
        .expect("infallible");
    assert!(response.status().is_success(), "{}", response.status());
    black_box(response);
}

/// This thread's CPU time in ns (`/proc/thread-self/schedstat`, Linux): what the requests cost
/// however many other processes share the cores. `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Median µs per request (wall clock, and this thread's CPU time) over rounds of requests.
fn median_micros(
    runtime: &tokio::runtime::Runtime,
    router: &Router,
    cookie: &str,
) -> (f64, Option<f64>) {
    let (rounds, per_round) = (31, 2_000);
    let mut wall = Vec::with_capacity(rounds);
    let mut cpu = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let (start, start_cpu) = (Instant::now(), thread_cpu_ns());
        for _ in 0..per_round {
            call(runtime, router, cookie);
        }
        wall.push(start.elapsed().as_secs_f64() * 1e6 / per_round as f64);
        if let (Some(start), Some(end)) = (start_cpu, thread_cpu_ns()) {
            cpu.push((end - start) as f64 / 1e3 / per_round as f64);
        }
    }
    let median = |samples: &mut Vec<f64>| {
        samples.sort_by(f64::total_cmp);
        samples[samples.len() / 2]
    };
    let cpu = (cpu.len() == rounds).then(|| median(&mut cpu));
    (median(&mut wall), cpu)
}

fn main() {
    let Setup { cookie, routers } = setup();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
        .configure_from_args();
    let mut group = criterion.benchmark_group("axum");
    for (id, router) in &routers {
        group.bench_function(*id, |b| b.iter(|| call(&runtime, router, &cookie)));
    }
    group.finish();

    // The summary: medians measured side by side, interleaved to share the machine's state;
    // the best of three passes.
    let mut best = vec![(f64::INFINITY, f64::INFINITY); routers.len()];
    for _ in 0..3 {
        for (i, (_, router)) in routers.iter().enumerate() {
            let (wall, cpu) = median_micros(&runtime, router, &cookie);
            best[i].0 = best[i].0.min(wall);
            best[i].1 = best[i].1.min(cpu.unwrap_or(f64::NAN));
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\nper request, µs (median; a 340-char next-auth v4 session cookie; load average {})",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "  {:<16} {:>9} {:>7} {:>11}   {:>9} {:>7} {:>11}",
        "", "wall", "ratio", "layer cost", "CPU", "ratio", "layer cost"
    );
    let (bare_wall, bare_cpu) = best[0];
    for ((id, _), (wall, cpu)) in routers.iter().zip(&best) {
        println!(
            "  {id:<16} {wall:>9.2} {:>6.2}× {:>11.2}   {cpu:>9.2} {:>6.2}× {:>11.2}",
            wall / bare_wall,
            wall - bare_wall,
            cpu / bare_cpu,
            cpu - bare_cpu,
        );
    }
    let (wall, cpu) = best[2];
    let cost = if cpu.is_nan() {
        wall - bare_wall
    } else {
        cpu - bare_cpu
    };
    let verdict = if cost <= 5.0 { "OK" } else { "MISS" };
    println!(
        "layer + extractor cost: {cost:.2} µs per request ({} time; goal ≤ 5 µs): {verdict}",
        if cpu.is_nan() { "wall" } else { "CPU" }
    );
}
