// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title Test USD Coin (TUSDC): the underlying of jUSDC in tests and the demo. TEST ONLY: anyone can mint.
contract TestToken is ERC20 {
    constructor() ERC20("Test USD Coin", "TUSDC") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// Mint `amount` to `to`; open to anyone (test only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
