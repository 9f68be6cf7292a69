// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title JIL bridge: locks deposits, releases withdrawals against the threshold of the current guardian set.
/// @notice docs/bridge.md. There is no owner, no upgrade path and no admin withdraw: funds leave only through
/// `release`, with EIP-712 signatures of at least `threshold` current guardians (the validators' secp256k1 keys).
/// The EIP-712 domain and structs match packages/bridge/src/eip712/typedData.ts exactly.
contract JilBridge is EIP712, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// keccak256 of the EIP-712 struct encodings (typedData.ts BRIDGE_TYPES).
    bytes32 public constant RELEASE_TYPEHASH = keccak256(
        "Release(bytes32 withdrawalId,address token,address recipient,uint256 amount,uint64 expiry,uint32 guardianSetVersion)"
    );
    bytes32 public constant ROTATE_GUARDIANS_TYPEHASH = keccak256(
        "RotateGuardians(uint32 currentVersion,uint32 newVersion,address[] guardians,uint16 threshold,uint64 expiry)"
    );
    bytes32 public constant SET_HALTED_TYPEHASH =
        keccak256("SetHalted(bool halted,uint64 nonce,uint64 expiry,uint32 guardianSetVersion)");

    /// Longest accepted `jilAccount`, in bytes.
    uint256 public constant MAX_JIL_ACCOUNT_BYTES = 64;

    address[] private _guardians;
    mapping(address => bool) public isGuardian;
    uint16 public threshold;
    uint32 public guardianSetVersion;
    uint64 public haltNonce;
    bool public halted;
    uint256 public depositCount;
    mapping(bytes32 => bool) public released;

    event Deposit(
        bytes32 indexed depositId, address indexed depositor, address indexed token, uint256 amount, string jilAccount
    );
    event Released(bytes32 indexed withdrawalId, address indexed token, address indexed recipient, uint256 amount);
    event GuardianSetRotated(uint32 indexed version, address[] guardians, uint16 threshold);
    event HaltChanged(bool halted, uint64 nonce);

    error InsufficientSignatures(uint256 have, uint256 need);
    error SignerNotGuardian(address signer);
    error SignersNotAscending();
    error SignatureExpired();
    error WithdrawalAlreadyReleased(bytes32 withdrawalId);
    error BridgeHalted();
    error ZeroAmount();
    error ZeroRecipient();
    error InvalidJilAccount();
    error InvalidGuardianSet();
    error WrongVersion(uint32 expected, uint32 got);
    error TransferFailed();
    error NothingReceived();

    /// @param guardians_ EVM addresses, strictly ascending as uint160, none zero.
    /// @param threshold_ 1 <= threshold_ <= guardians_.length.
    /// @param version_ The guardian-set version (>= 1), the validator set's version.
    constructor(address[] memory guardians_, uint16 threshold_, uint32 version_) EIP712("JIL Bridge", "1") {
        if (version_ == 0) revert WrongVersion(1, 0);
        _setGuardians(guardians_, threshold_);
        guardianSetVersion = version_;
        emit GuardianSetRotated(version_, guardians_, threshold_);
    }

    modifier whenNotHalted() {
        if (halted) revert BridgeHalted();
        _;
    }

    // ---------------------------------------------------------------- deposits

    /// @notice Lock `msg.value` wei for `jilAccount` on the JIL ledger.
    function deposit(string calldata jilAccount) external payable whenNotHalted {
        if (msg.value == 0) revert ZeroAmount();
        _checkJilAccount(jilAccount);
        _emitDeposit(address(0), msg.value, jilAccount);
    }

    /// @notice Lock `amount` of the ERC-20 `token` (approved beforehand) for `jilAccount`. Credits what actually
    /// arrived (balance difference), so a fee-on-transfer token cannot inflate the credit.
    function depositToken(address token, uint256 amount, string calldata jilAccount) external nonReentrant whenNotHalted {
        if (amount == 0) revert ZeroAmount();
        _checkJilAccount(jilAccount);
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received == 0) revert NothingReceived();
        _emitDeposit(token, received, jilAccount);
    }

    function _checkJilAccount(string calldata jilAccount) private pure {
        uint256 length = bytes(jilAccount).length;
        if (length == 0 || length > MAX_JIL_ACCOUNT_BYTES) revert InvalidJilAccount();
    }

    function _emitDeposit(address token, uint256 amount, string calldata jilAccount) private {
        bytes32 depositId = keccak256(abi.encode(block.chainid, address(this), ++depositCount));
        emit Deposit(depositId, msg.sender, token, amount, jilAccount);
    }

    // ---------------------------------------------------------------- withdrawals

    /// @notice Pay `amount` of `token` (zero address: ETH) to `recipient`, once per `withdrawalId`, against the
    /// signatures of at least `threshold` current guardians over the EIP-712 `Release` struct.
    function release(
        bytes32 withdrawalId,
        address token,
        address recipient,
        uint256 amount,
        uint64 expiry,
        bytes[] calldata signatures
    ) external nonReentrant whenNotHalted {
        if (block.timestamp > expiry) revert SignatureExpired();
        if (released[withdrawalId]) revert WithdrawalAlreadyReleased(withdrawalId);
        if (recipient == address(0)) revert ZeroRecipient();
        if (amount == 0) revert ZeroAmount();
        bytes32 structHash = keccak256(
            abi.encode(RELEASE_TYPEHASH, withdrawalId, token, recipient, amount, expiry, guardianSetVersion)
        );
        _verifyQuorum(_hashTypedDataV4(structHash), signatures);

        released[withdrawalId] = true;
        if (token == address(0)) {
            (bool ok,) = recipient.call{value: amount}("");
            if (!ok) revert TransferFailed();
        } else {
            IERC20(token).safeTransfer(recipient, amount);
        }
        emit Released(withdrawalId, token, recipient, amount);
    }

    // ---------------------------------------------------------------- governance by quorum

    /// @notice Replace the guardian set with `guardians_` at version `newVersion` (= current + 1), signed by the
    /// threshold of the CURRENT set. Allowed while halted.
    function rotateGuardians(
        address[] calldata guardians_,
        uint16 threshold_,
        uint32 newVersion,
        uint64 expiry,
        bytes[] calldata signatures
    ) external {
        if (block.timestamp > expiry) revert SignatureExpired();
        uint32 current = guardianSetVersion;
        if (newVersion != current + 1) revert WrongVersion(current + 1, newVersion);
        bytes32 structHash = keccak256(
            abi.encode(
                ROTATE_GUARDIANS_TYPEHASH, current, newVersion, keccak256(abi.encodePacked(guardians_)), threshold_, expiry
            )
        );
        _verifyQuorum(_hashTypedDataV4(structHash), signatures);

        uint256 old = _guardians.length;
        for (uint256 i = 0; i < old; ++i) {
            isGuardian[_guardians[i]] = false;
        }
        delete _guardians;
        _setGuardians(guardians_, threshold_);
        guardianSetVersion = newVersion;
        emit GuardianSetRotated(newVersion, guardians_, threshold_);
    }

    /// @notice Halt (`halted_ = true`) or resume the bridge, signed by the threshold of the current set over
    /// `SetHalted(halted_, haltNonce, expiry, guardianSetVersion)`; each message is usable once (the nonce advances).
    function setHalted(bool halted_, uint64 expiry, bytes[] calldata signatures) external {
        if (block.timestamp > expiry) revert SignatureExpired();
        uint64 nonce = haltNonce;
        bytes32 structHash = keccak256(abi.encode(SET_HALTED_TYPEHASH, halted_, nonce, expiry, guardianSetVersion));
        _verifyQuorum(_hashTypedDataV4(structHash), signatures);
        haltNonce = nonce + 1;
        halted = halted_;
        emit HaltChanged(halted_, nonce);
    }

    // ---------------------------------------------------------------- views

    /// @notice The current guardian set, ascending.
    function guardians() external view returns (address[] memory) {
        return _guardians;
    }

    /// @notice The EIP-712 domain separator (chain id and this contract's address included).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- internals

    /// Every signature must recover (OZ ECDSA: 65 bytes, low s) to a current guardian; signers strictly ascending
    /// (so no signer counts twice); at least `threshold` of them.
    function _verifyQuorum(bytes32 digest, bytes[] calldata signatures) private view {
        uint256 count = signatures.length;
        if (count < threshold) revert InsufficientSignatures(count, threshold);
        address last = address(0);
        for (uint256 i = 0; i < count; ++i) {
            address signer = ECDSA.recoverCalldata(digest, signatures[i]);
            if (!isGuardian[signer]) revert SignerNotGuardian(signer);
            if (uint160(signer) <= uint160(last)) revert SignersNotAscending();
            last = signer;
        }
    }

    function _setGuardians(address[] memory guardians_, uint16 threshold_) private {
        uint256 n = guardians_.length;
        if (threshold_ == 0 || threshold_ > n) revert InvalidGuardianSet();
        address last = address(0);
        for (uint256 i = 0; i < n; ++i) {
            address g = guardians_[i];
            // Strictly ascending from a zero start: also refuses the zero address and duplicates.
            if (uint160(g) <= uint160(last)) revert InvalidGuardianSet();
            isGuardian[g] = true;
            _guardians.push(g);
            last = g;
        }
        threshold = threshold_;
    }
}
