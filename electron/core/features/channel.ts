/**
 * What a feature exports: for each of its channels, `run(session, input)` with the
 * contract's parsed input type. Who may call it is in the one permission table
 * (shared/permissions.ts), enforced by dispatch before `run` is reached.
 */
import type { Channel, OutputOf, ParsedInputOf } from '../../../shared/contract';
import type { Session } from '../session';

export interface ChannelRun<C extends Channel> {
  run(session: Session, input: ParsedInputOf<C>): Promise<OutputOf<C>> | OutputOf<C>;
}

export type FeatureChannels<K extends Channel> = { [C in K]: ChannelRun<C> };

export const OK = { ok: true } as const;
