import { Caption1, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
});

/** The Azure CLI's public client id: Mooring signs in as it unless told otherwise. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/**
 * What signing in as the default application means, said plainly: it is not Mooring's own
 * registration but the Azure CLI's, and that shows in sign-in logs and Conditional Access.
 */
export function DefaultClientNote({ clientId }: { readonly clientId: string | null }) {
  const styles = useStyles();
  if (clientId !== null) return null;
  return (
    <Caption1 className={styles.note} data-testid="connection-default-client-note">
      The default is the Azure CLI’s public client ({AZURE_CLI_CLIENT_ID}), which every tenant
      already knows, so no app registration is needed. Your tenants’ sign-in logs therefore show
      Mooring’s sign-ins as “Microsoft Azure CLI”, and Conditional Access policies that target the
      Azure CLI (or all cloud apps) apply to Mooring as well. An organisation that wants Mooring to
      appear as itself, or to govern it separately, registers its own application and deploys its
      client id in the policy file (see the README).
    </Caption1>
  );
}
