// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title A malicious ETH recipient (test only): its receive() re-enters the bridge once with a prepared call (e.g.
/// another fully signed `release`) and records the outcome; or, when `rejectPayments` is set, refuses all ETH.
contract ReentrantReceiver {
    address public target;
    bytes public attackCall;
    bool public attacked;
    bool public reentrySucceeded;
    bytes public reentryRevertData;
    bool public rejectPayments;

    /// Arm the attack: on the next ETH received, call `target_` with `call_`.
    function arm(address target_, bytes calldata call_) external {
        target = target_;
        attackCall = call_;
        attacked = false;
    }

    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
    }

    receive() external payable {
        if (rejectPayments) revert("ReentrantReceiver: rejected");
        if (target != address(0) && !attacked) {
            attacked = true;
            (bool ok, bytes memory data) = target.call(attackCall);
            reentrySucceeded = ok;
            reentryRevertData = data;
        }
    }
}
