// Hardhat 3 with its defaults: an in-process EDR chain (chain id 31337, 20 funded accounts from the well-known test
// mnemonic, automining). `hardhat node` serves it over JSON-RPC; nothing here is deployed or compiled by Hardhat —
// the bridge contract is compiled by solc-js (packages/bridge) and deployed with ethers.
export default {};
