/**
 * The contract's channel names alone, so the preload (which must stay tiny and cannot load
 * zod in the sandbox cheaply) can expose exactly these. They are the permission table's keys:
 * the table has an entry for every channel of the contract and no other (its `satisfies`),
 * and the contract's type checks the two agree, so a channel is named in the contract, the
 * permission table and its feature, and nowhere else.
 */
import { PERMISSIONS } from './permissions';

export type ChannelName = keyof typeof PERMISSIONS;
export const CHANNEL_NAMES = Object.keys(PERMISSIONS) as ChannelName[];
