// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A malicious ERC-20 (test only): when the bridge transfers it out, it re-enters the bridge with a prepared
/// call (e.g. another fully signed `release`) once, and records whether that inner call succeeded and its revert data.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public attackCall;
    bool public attacked;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor() ERC20("Reentrant Token", "REENT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// Arm the attack: on the next transfer out of `target_`, call `target_` with `call_`.
    function arm(address target_, bytes calldata call_) external {
        target = target_;
        attackCall = call_;
        attacked = false;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == target && from != address(0) && !attacked) {
            attacked = true;
            (bool ok, bytes memory data) = target.call(attackCall);
            reentrySucceeded = ok;
            reentryRevertData = data;
        }
    }
}
