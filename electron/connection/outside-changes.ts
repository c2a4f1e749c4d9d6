import { AppError } from '../core/errors';
import type { Logger } from '../logging/logger';
import type { ConfirmedConnectionStore } from './confirmed-settings';
import { checkPatch } from './field-rules';
import { outsideChangeRequest, type SecurityConfirmer } from './security-change';

/** `none`: nothing was changed outside Mooring; otherwise what became of what was. */
export type OutsideChangeReview = 'none' | 'accepted' | 'declined' | 'invalid';

/**
 * Settings found changed outside Mooring at start-up are shown to the user for confirmation.
 * Accepted, they are used from now on; refused (or not valid settings at all), the trusted ones
 * are written back so the question is not asked again at every start. Changes that only add
 * protection are accepted without asking.
 */
export async function reviewOutsideChanges(parts: {
  readonly store: ConfirmedConnectionStore;
  readonly confirmer: SecurityConfirmer;
  readonly logger: Logger;
}): Promise<OutsideChangeReview> {
  const { store, confirmer, logger } = parts;
  const unconfirmed = store.unconfirmed();
  if (unconfirmed === null) return 'none';
  const fields = Object.keys(unconfirmed.found).filter(
    (field) =>
      JSON.stringify(unconfirmed.found[field as keyof typeof unconfirmed.found]) !==
      JSON.stringify(unconfirmed.trusted[field as keyof typeof unconfirmed.trusted]),
  );
  try {
    checkPatch(unconfirmed.found);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    logger.warn(
      'Connection settings changed outside Mooring are not valid; the previous ones stay',
      {
        fields,
        problem: error.message,
      },
    );
    store.restoreTrusted();
    return 'invalid';
  }
  const request = outsideChangeRequest(unconfirmed.trusted, unconfirmed.found);
  const accepted = request === null || (await confirmer.confirm(request));
  if (accepted) store.acceptFound();
  else store.restoreTrusted();
  logger.warn(
    accepted
      ? 'Connection settings changed outside Mooring were accepted'
      : 'Connection settings changed outside Mooring were refused; the previous ones were restored',
    { fields, asked: request !== null },
  );
  return accepted ? 'accepted' : 'declined';
}
