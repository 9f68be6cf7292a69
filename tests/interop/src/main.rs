//! Interop harness: the Zcash Foundation's `frost-ed25519` crate on one side of a JSON file exchange with
//! `@jil/mpc`. Driven by `tests/interop/frostInterop.test.ts`. Every byte string is lowercase hex; identifiers
//! are 32-byte little-endian scalars (RFC 9591 §4.1, same as @noble/curves' FROST identifiers).
//!
//!   frost-interop dealer MIN MAX MESSAGE_HEX    → stdout: {min,max,verifying_key,commitment[],shares[],message}
//!   frost-interop sign   < key set JSON + signers[] → stdout: {signature}
//!   frost-interop verify < {verifying_key,message,signature} → stdout: {valid}
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("dealer") if args.len() == 5 => args[2].parse().map_err(Into::into)
            .and_then(|min| args[3].parse().map_err(Into::into).and_then(|max| dealer(min, max, &args[4]))),
        Some("sign") => read_stdin().and_then(|v| sign(&v)),
        Some("verify") => read_stdin().and_then(|v| verify(&v)),
        _ => Err("usage: frost-interop dealer MIN MAX MESSAGE_HEX | sign | verify (JSON on stdin)".into()),
    };
    match result {
        Ok(v) => println!("{v}"),
        Err(e) => {
            eprintln!("frost-interop: {e}");
            std::process::exit(1);
        }
    }
}
