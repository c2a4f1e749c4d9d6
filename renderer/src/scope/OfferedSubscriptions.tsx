import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useRef } from 'react';
import { focusAfterRemoval } from '../components/focus-after-removal';
import type {
  SubscriptionFilterChange,
  SubscriptionView,
} from '../../../shared/domain/subscriptions';

const SHOWN_NAMES = 3;

/** "Fabrikam Research and Northwind AI", "A, B, C and 2 more". */
export function offeredNames(offered: readonly SubscriptionView[]): string {
  const names = offered.map((subscription) => subscription.displayName);
  if (names.length <= 1) return names.join('');
  if (names.length <= SHOWN_NAMES) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, SHOWN_NAMES).join(', ')} and ${names.length - SHOWN_NAMES} more`;
}

/**
 * Subscriptions that became reachable after the user narrowed the scope: not added behind their
 * back, offered here until they take or decline them.
 */
export function OfferedSubscriptions({
  subscriptions,
  onChanges,
}: {
  subscriptions: readonly SubscriptionView[];
  onChanges: (changes: SubscriptionFilterChange[]) => void;
}) {
  const barRef = useRef<HTMLDivElement>(null);
  const offered = subscriptions.filter((subscription) => subscription.offered);
  if (offered.length === 0) return null;
  const decide = (selected: boolean) => {
    // The message (and the button just pressed) goes: focus moves to the picker's search.
    const drawer = barRef.current?.closest('[role="dialog"]') ?? document;
    onChanges(offered.map(({ subscriptionId }) => ({ subscriptionId, selected })));
    focusAfterRemoval(drawer);
  };
  const many = offered.length > 1;
  return (
    <MessageBar ref={barRef} intent="info" layout="multiline" data-testid="subscriptions-offered">
      <MessageBarBody>
        <MessageBarTitle>
          {many
            ? `${offered.length} new subscriptions can be reached`
            : 'A new subscription can be reached'}
        </MessageBarTitle>
        {offeredNames(offered)} {many ? 'were' : 'was'} not added to your scope, because you chose
        which subscriptions Mooring works on.
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={() => decide(true)} data-testid="subscriptions-offered-add">
          Add to scope
        </Button>
        <Button
          size="small"
          onClick={() => decide(false)}
          data-testid="subscriptions-offered-dismiss"
        >
          Not now
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
