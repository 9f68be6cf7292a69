// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A token that burns 1 % of every transfer (test only): the bridge must credit what arrived, not `amount`.
contract FeeOnTransferToken is ERC20 {
    /// Fee in basis points of every transfer between two non-zero addresses.
    uint256 public constant FEE_BPS = 100;

    constructor() ERC20("Fee On Transfer Token", "FOT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 fee = (value * FEE_BPS) / 10_000;
            super._update(from, address(0), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}
