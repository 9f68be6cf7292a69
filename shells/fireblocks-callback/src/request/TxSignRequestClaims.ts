import { z } from 'zod';

const text = z.string().max(256);

/**
 * The claims of a co-signer `tx_sign_request` JWT that the callback reads (../shared/integrations/fireblocks-callback.md).
 * Loose: the co-signer sends more (`players`, `dstName`, …) and the callback ignores it. Only `requestId` is required
 * here — without it there is nobody to answer; every other gap is a signed `REJECT`, decided later.
 */
export const TxSignRequestClaimsSchema = z.looseObject({
  requestId: z.string().min(1).max(256),
  txId: text.optional(),
  operation: text.optional(),
  asset: text.optional(),
  sourceType: text.optional(),
  sourceId: z.union([text, z.number()]).optional(),
  destType: text.optional(),
  destId: z.union([text, z.number()]).optional(),
  destAddress: text.optional(),
  destAddressType: text.optional(),
  amount: z.number().optional(),
  amountStr: z.string().max(100).optional(),
  destinations: z
    .array(
      z.looseObject({
        amountNative: z.number().optional(),
        amountNativeStr: z.string().max(100).optional(),
        amountUSD: z.number().optional(),
        displayDstAddress: z.string().max(256).optional(),
        dstType: z.string().max(256).optional(),
      }),
    )
    .max(100)
    .optional(),
  rawTx: z
    .array(z.looseObject({ keyDerivationPath: z.unknown().optional(), rawTx: z.string().max(1_000_000), payload: z.string().max(200) }))
    .max(100)
    .optional(),
  jti: z.string().max(256).optional(),
});

/** The claims {@link TxSignRequestClaimsSchema} reads. */
export type TxSignRequestClaims = z.infer<typeof TxSignRequestClaimsSchema>;
