import { Field, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { CallError } from '../../components/CallError';
import { SettingsSection } from '../../components/SettingsSection';
import { useAzureStores, useRefreshProgress } from '../../state/azure-stores';

/** The intervals offered; the main process accepts any whole number of minutes up to a day. */
const CHOICES = [0, 5, 15, 30, 60] as const;

const label = (minutes: number) => (minutes === 0 ? 'Only when I ask' : `Every ${minutes} minutes`);

/** How often the inventory refreshes from Azure by itself (and at start-up unless off). */
export function RefreshSection() {
  const stores = useAzureStores();
  const schedule = useRefreshProgress((state) => state.schedule);
  const chooseInterval = useRefreshProgress((state) => state.chooseInterval);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    void stores.refreshProgress.getState().loadSchedule();
  }, [stores]);

  const current = schedule.status === 'ready' ? schedule.value.intervalMinutes : null;
  const choices: number[] = [...CHOICES];
  if (current !== null && !choices.includes(current)) choices.push(current);

  return (
    <SettingsSection title="Inventory refresh">
      {schedule.status === 'loading' && <Spinner size="tiny" label="Loading…" />}
      {schedule.status === 'failed' && (
        <CallError
          title="The refresh setting could not be loaded"
          error={schedule.error}
          onRetry={() => void stores.refreshProgress.getState().loadSchedule()}
          testId="refresh-schedule-error"
        />
      )}
      {current !== null && (
        <Field
          label="Refresh from Azure by itself"
          hint="Also once at start-up, after the last known inventory is on screen."
          validationMessage={
            refused ? 'Mooring could not store this choice; try again.' : undefined
          }
        >
          <RadioGroup
            value={String(current)}
            onChange={(_event, data) => {
              void chooseInterval(Number(data.value)).then((ok) => setRefused(!ok));
            }}
            data-testid="refresh-interval"
          >
            {choices.map((minutes) => (
              <Radio
                key={minutes}
                value={String(minutes)}
                label={label(minutes)}
                data-testid={`refresh-interval-${minutes}`}
              />
            ))}
          </RadioGroup>
        </Field>
      )}
    </SettingsSection>
  );
}
