import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Eye20Regular, EyeOff20Regular, Star20Filled, Star20Regular } from '@fluentui/react-icons';
import { memo, useId } from 'react';
import type {
  SubscriptionFilterChange,
  SubscriptionView,
} from '../../../shared/domain/subscriptions';
import { keepFocusNear } from '../components/focus-after-removal';
import type { SignInWait } from './sign-in-wait';

const useStyles = makeStyles({
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr) auto auto auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalS,
    boxSizing: 'border-box',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  hidden: { opacity: 0.6 },
  focused: {
    backgroundColor: tokens.colorBrandBackground2,
    transition: 'background-color 1.5s ease-out',
  },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', cursor: 'pointer' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS },
  meta: {
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  id: { fontFamily: tokens.fontFamilyMonospace },
  favourite: { color: tokens.colorPaletteMarigoldForeground1 },
});

export const HIDDEN_HINT = 'Hidden: show it again to select it';

/** The favourite button's name, naming the subscription so a list of them can be told apart. */
export const favouriteLabel = (displayName: string, favourite: boolean): string =>
  favourite ? `Remove ${displayName} from favourites` : `Add ${displayName} to favourites`;

/** The hide button's name, naming the subscription. */
export const hideLabel = (displayName: string, hidden: boolean): string =>
  hidden ? `Show ${displayName} again` : `Hide ${displayName}`;

interface SubscriptionRowProps {
  readonly subscription: SubscriptionView;
  readonly top: number;
  readonly height: number;
  readonly highlighted: boolean;
  /** Why Mooring cannot reach it now (its tenant or account needs sign-in), or null. */
  readonly wait: SignInWait | null;
  readonly onChange: (change: SubscriptionFilterChange) => void;
}

/** What the "Needs sign-in" badge says on hover and to assistive technology. */
export const waitHint = (wait: SignInWait): string =>
  wait.kind === 'tenant'
    ? `${wait.tenantName} needs ${wait.username} to sign in; the button above the list signs in.`
    : `${wait.username} is signed out; the button above the list signs in again.`;

/** One subscription: in scope or not, its tenant and account, favourite and hide. */
export const SubscriptionRow = memo(function SubscriptionRow({
  subscription,
  top,
  height,
  highlighted,
  wait,
  onChange,
}: SubscriptionRowProps) {
  const styles = useStyles();
  const nameId = useId();
  const checkboxId = useId();
  const { subscriptionId, displayName, favourite, hidden } = subscription;
  const seenBy =
    subscription.alsoSeenBy.length > 0
      ? `Also seen by ${subscription.alsoSeenBy.join(', ')}; Mooring uses ${subscription.accountUsername}.`
      : `Mooring uses ${subscription.accountUsername} for this subscription.`;

  return (
    <div
      role="listitem"
      className={mergeClasses(styles.row, hidden && styles.hidden, highlighted && styles.focused)}
      style={{ top, height }}
      data-testid="subscription-row"
      data-subscription-id={subscriptionId}
      data-selected={subscription.selected}
      data-hidden={hidden}
      data-favourite={favourite}
      data-needs-sign-in={wait !== null}
    >
      {hidden ? (
        // A hidden subscription is out of scope whatever its selection: not ticked, not tickable.
        <Tooltip content={HIDDEN_HINT} relationship="description">
          <span>
            <Checkbox
              checked={false}
              disabled
              aria-labelledby={nameId}
              aria-description={HIDDEN_HINT}
              data-testid="subscription-select"
            />
          </span>
        </Tooltip>
      ) : (
        <Checkbox
          id={checkboxId}
          checked={subscription.selected}
          aria-labelledby={nameId}
          onChange={(_event, data) => onChange({ subscriptionId, selected: data.checked === true })}
          data-testid="subscription-select"
        />
      )}
      <div className={styles.text}>
        {/* The name is the checkbox's label: clicking it toggles the subscription. */}
        <label htmlFor={hidden ? undefined : checkboxId} className={styles.name}>
          <Text id={nameId} data-testid="subscription-name">
            {displayName}
          </Text>
        </label>
        <Caption1 className={styles.meta} title={seenBy}>
          <span className={styles.id}>{subscriptionId}</span>
          {' · '}
          <span data-testid="subscription-tenant">{subscription.tenantName}</span>
          {' · '}
          <span data-testid="subscription-account">{subscription.accountUsername}</span>
          {subscription.alsoSeenBy.length > 0 && ` (+${subscription.alsoSeenBy.length})`}
        </Caption1>
      </div>
      <span className={styles.badges}>
        {wait && (
          <Tooltip content={waitHint(wait)} relationship="description">
            <Badge
              appearance="tint"
              color="warning"
              size="small"
              data-testid="subscription-needs-sign-in"
            >
              Needs sign-in
            </Badge>
          </Tooltip>
        )}
        {subscription.offered && (
          <Badge appearance="tint" color="brand" size="small" data-testid="subscription-offered">
            New
          </Badge>
        )}
        {subscription.state !== 'Enabled' && (
          <Badge appearance="tint" color="warning" size="small">
            {subscription.state}
          </Badge>
        )}
        {hidden && (
          <Badge appearance="outline" color="subtle" size="small">
            Hidden
          </Badge>
        )}
      </span>
      <Tooltip
        content={favourite ? 'Remove from favourites' : 'Add to favourites'}
        relationship="label"
      >
        <Button
          appearance="subtle"
          size="small"
          aria-pressed={favourite}
          aria-label={favouriteLabel(displayName, favourite)}
          icon={favourite ? <Star20Filled className={styles.favourite} /> : <Star20Regular />}
          onClick={() => onChange({ subscriptionId, favourite: !favourite })}
          data-testid="subscription-favourite"
        />
      </Tooltip>
      <Tooltip
        content={hidden ? 'Show this subscription again' : 'Hide this subscription'}
        relationship="label"
      >
        <Button
          appearance="subtle"
          size="small"
          aria-label={hideLabel(displayName, hidden)}
          icon={hidden ? <Eye20Regular /> : <EyeOff20Regular />}
          onClick={(event) => {
            // Hiding removes the row unless hidden ones are shown: focus moves to its neighbour.
            if (!hidden) keepFocusNear(event.currentTarget);
            onChange({ subscriptionId, hidden: !hidden });
          }}
          data-testid="subscription-hide"
        />
      </Tooltip>
    </div>
  );
});
