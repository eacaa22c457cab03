//! End-to-end tests on real clusters: corosync and pacemaker in Docker containers, made by
//! `hacc apply --up`. Each test has its own cluster name and subnet and removes its
//! containers and network when it ends. They need a Docker engine and the `debian:bookworm`
//! image (scripts/lab-setup); without them they are skipped, or fail under HACC_REQUIRE_TOOLS.

// A test crate is a binary: `pub` says what one module offers the others. The crate's
// pedantic lints are for the library; tests read best as plain assertions.
#![allow(unreachable_pub, clippy::pedantic)]

#[path = "live/bring_up.rs"]
mod bring_up;
mod common;
#[path = "live/failover.rs"]
mod failover;
#[path = "live/front.rs"]
mod front;
#[path = "live/identity.rs"]
mod identity;
#[path = "live/lab.rs"]
mod lab;
#[path = "live/partition.rs"]
mod partition;
#[path = "live/placement.rs"]
mod placement;
#[path = "live/seed.rs"]
mod seed;
