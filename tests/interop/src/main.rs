//! Interop harness: the Zcash Foundation's `frost-ed25519` crate on one side of a JSON file exchange with
//! `@jil/mpc`. Driven by `tests/interop/frostInterop.test.ts`. Every byte string is lowercase hex; identifiers
//! are 32-byte little-endian scalars (RFC 9591 §4.1, same as @noble/curves' FROST identifiers).
//!
//!   frost-interop dealer MIN MAX MESSAGE_HEX    → stdout: {min,max,verifying_key,commitment[],shares[],message}
//!   frost-interop sign   < key set JSON + signers[] → stdout: {signature}
//!   frost-interop verify < {verifying_key,message,signature} → stdout: {valid}
//!   frost-interop bench  MIN MAX RUNS [DKG_RUNS] → stdout: {min,max,runs,dkg_ms,sign_ms} (DKG_RUNS, default RUNS; 0: no DKG, dkg_ms null) — the same work as scripts/bench-mpc.ts
//!     in one process: a whole DKG (all MAX participants' three parts, shares passed in the clear) and a signing
//!     session (MIN commits, MIN shares, `aggregate`: the crate verifies the group signature and checks each share
//!     only when it fails — its default cheater detection); medians in ms.
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use frost_ed25519 as frost;
use frost::keys::{
    IdentifierList, KeyPackage, PublicKeyPackage, SecretShare, SigningShare,
    VerifiableSecretSharingCommitment,
};
use frost::{Identifier, Signature, SigningPackage, VerifyingKey};
use rand_core::OsRng;
use serde_json::{Value, json};

type R<T> = Result<T, Box<dyn std::error::Error>>;

fn hx(v: &Value, k: &str) -> R<Vec<u8>> {
    Ok(hex::decode(v[k].as_str().ok_or(format!("missing {k}"))?)?)
}

fn read_stdin() -> R<Value> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s)?;
    Ok(serde_json::from_str(&s)?)
}

fn dealer(min: u16, max: u16, message: &str) -> R<Value> {
    let (shares, pubkeys) = frost::keys::generate_with_dealer(max, min, IdentifierList::Default, OsRng)?;
    let commitment = shares.values().next().ok_or("no shares")?.commitment().serialize()?;
    let out: Vec<Value> = shares
        .iter()
        .map(|(id, s)| json!({ "identifier": hex::encode(id.serialize()), "signing_share": hex::encode(s.signing_share().serialize()) }))
        .collect();
    Ok(json!({
        "min": min, "max": max,
        "verifying_key": hex::encode(pubkeys.verifying_key().serialize()?),
        "commitment": commitment.iter().map(hex::encode).collect::<Vec<_>>(),
        "shares": out, "message": message,
    }))
}

fn sign(v: &Value) -> R<Value> {
    let commitment_bytes: Vec<Vec<u8>> = v["commitment"].as_array().ok_or("commitment")?
        .iter().map(|c| hex::decode(c.as_str().unwrap_or_default())).collect::<Result<_, _>>()?;
    let commitment = VerifiableSecretSharingCommitment::deserialize(commitment_bytes)?;
    let message = hx(v, "message")?;
    let mut key_packages: BTreeMap<Identifier, KeyPackage> = BTreeMap::new();
    for s in v["shares"].as_array().ok_or("shares")? {
        let id = Identifier::deserialize(&hx(s, "identifier")?)?;
        let share = SecretShare::new(id, SigningShare::deserialize(&hx(s, "signing_share")?)?, commitment.clone());
        key_packages.insert(id, KeyPackage::try_from(share)?); // vss_verify (RFC 9591 App. C.2)
    }
    let ids: BTreeSet<Identifier> = key_packages.keys().copied().collect();
    let pubkeys = PublicKeyPackage::from_commitment(&ids, &commitment)?;
    if hex::encode(pubkeys.verifying_key().serialize()?) != v["verifying_key"].as_str().unwrap_or_default() {
        return Err("group public key does not match the commitment".into());
    }
    let signers: Vec<Identifier> = v["signers"].as_array().ok_or("signers")?
        .iter().map(|s| Identifier::deserialize(&hex::decode(s.as_str().unwrap_or_default())?).map_err(Into::into))
        .collect::<R<_>>()?;
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &signers {
        let kp = key_packages.get(id).ok_or("unknown signer")?;
        let (n, c) = frost::round1::commit(kp.signing_share(), &mut OsRng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let package = SigningPackage::new(commitments, &message);
    let mut shares = BTreeMap::new();
    for id in &signers {
        shares.insert(*id, frost::round2::sign(&package, &nonces[id], &key_packages[id])?);
    }
    let signature = frost::aggregate(&package, &shares, &pubkeys)?;
    Ok(json!({ "signature": hex::encode(signature.serialize()?) }))
}

fn verify(v: &Value) -> R<Value> {
    let key = VerifyingKey::deserialize(&hx(v, "verifying_key")?)?;
    let valid = match Signature::deserialize(&hx(v, "signature")?) {
        Ok(sig) => key.verify(&hx(v, "message")?, &sig).is_ok(),
        Err(_) => false,
    };
    Ok(json!({ "valid": valid }))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

fn bench(min: u16, max: u16, runs: usize, dkg_runs: usize) -> R<Value> {
    use std::time::Instant;
    let ids: Vec<Identifier> = (1..=max).map(Identifier::try_from).collect::<Result<_, _>>()?;
    let mut dkg_ms = Vec::new();
    for _ in 0..dkg_runs {
        let t0 = Instant::now();
        let mut s1 = BTreeMap::new();
        let mut p1 = BTreeMap::new();
        for id in &ids {
            let (s, p) = frost::keys::dkg::part1(*id, max, min, OsRng)?;
            s1.insert(*id, s);
            p1.insert(*id, p);
        }
        let mut s2 = BTreeMap::new();
        let mut inbox: BTreeMap<Identifier, BTreeMap<Identifier, frost::keys::dkg::round2::Package>> = BTreeMap::new();
        for id in &ids {
            let others: BTreeMap<_, _> = p1.iter().filter(|(k, _)| *k != id).map(|(k, v)| (*k, v.clone())).collect();
            let (s, out) = frost::keys::dkg::part2(s1.remove(id).ok_or("part1")?, &others)?;
            s2.insert(*id, s);
            for (to, pkg) in out {
                inbox.entry(to).or_default().insert(*id, pkg);
            }
        }
        for id in &ids {
            let others: BTreeMap<_, _> = p1.iter().filter(|(k, _)| *k != id).map(|(k, v)| (*k, v.clone())).collect();
            frost::keys::dkg::part3(&s2[id], &others, &inbox[id])?;
        }
        dkg_ms.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    let (shares, pubkeys) = frost::keys::generate_with_dealer(max, min, IdentifierList::Default, OsRng)?;
    let key_packages: BTreeMap<Identifier, KeyPackage> = shares.into_iter().map(|(id, s)| Ok((id, KeyPackage::try_from(s)?))).collect::<R<_>>()?;
    let signers: Vec<Identifier> = ids.iter().take(min as usize).copied().collect();
    let message = b"bench: custody withdrawal";
    let mut sign_ms = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let mut nonces = BTreeMap::new();
        let mut commitments = BTreeMap::new();
        for id in &signers {
            let (n, c) = frost::round1::commit(key_packages[id].signing_share(), &mut OsRng);
            nonces.insert(*id, n);
            commitments.insert(*id, c);
        }
        let package = SigningPackage::new(commitments, message);
        let mut sig_shares = BTreeMap::new();
        for id in &signers {
            sig_shares.insert(*id, frost::round2::sign(&package, &nonces[id], &key_packages[id])?);
        }
        let signature = frost::aggregate(&package, &sig_shares, &pubkeys)?;
        sign_ms.push(t0.elapsed().as_secs_f64() * 1e3);
        pubkeys.verifying_key().verify(message, &signature)?;
    }
    Ok(json!({ "min": min, "max": max, "runs": runs, "dkg_ms": if dkg_ms.is_empty() { Value::Null } else { json!(median(dkg_ms)) }, "sign_ms": median(sign_ms) }))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("dealer") if args.len() == 5 => args[2].parse().map_err(Into::into)
            .and_then(|min| args[3].parse().map_err(Into::into).and_then(|max| dealer(min, max, &args[4]))),
        Some("sign") => read_stdin().and_then(|v| sign(&v)),
        Some("verify") => read_stdin().and_then(|v| verify(&v)),
        Some("bench") if args.len() == 5 || args.len() == 6 => (|| -> R<Value> {
            let runs: usize = args[4].parse()?;
            bench(args[2].parse()?, args[3].parse()?, runs, args.get(5).map(|d| d.parse()).transpose()?.unwrap_or(runs))
        })(),
        _ => Err("usage: frost-interop dealer MIN MAX MESSAGE_HEX | sign | verify (JSON on stdin) | bench MIN MAX RUNS [DKG_RUNS]".into()),
    };
    match result {
        Ok(v) => println!("{v}"),
        Err(e) => {
            eprintln!("frost-interop: {e}");
            std::process::exit(1);
        }
    }
}
