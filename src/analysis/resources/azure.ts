/** Terraform's hashicorp/azurerm types. */

import type { TypeEntry } from './entry.js';
import { backups, fate, sized, sizedDisk, startsEmpty } from './facts.js';
import { softDelete, softDeleteRetention } from './guards.js';
import { amount, days, flag } from './values.js';

const RESTORED_SERVER = startsEmpty('server', 'restored from a backup');

export const AZURE: Readonly<Record<string, TypeEntry>> = {
  azurerm_key_vault: {
    noun: 'the key vault',
    guards: [
      softDelete('purge_protection_enabled', (what) => `${what} and its deleted objects can now be purged for good before the retention period ends`),
      softDeleteRetention('soft_delete_retention_days'),
    ],
    replaced: 'the new key vault starts with no keys, secrets or certificates',
    facts: [
      (v) => {
        const n = amount(v, 'soft_delete_retention_days');
        const window = n ? ` for ${days(n)}` : '';
        const purgeProtection = flag(v, 'purge_protection_enabled');
        if (purgeProtection === true) return fate(`soft-deleted with its keys, secrets and certificates: recoverable${window} (purge protection is on)`);
        if (purgeProtection === false) {
          // azurerm purges a soft-deleted vault on destroy unless features.key_vault.purge_soft_delete_on_destroy is false.
          return [
            fate('no purge protection: the azurerm provider purges the vault on destroy by default, with every key, secret and certificate in it'),
            backups(`recoverable${window} only if the provider's features.key_vault.purge_soft_delete_on_destroy is false`),
          ];
        }
        return fate('every key, secret and certificate in the vault goes with it');
      },
    ],
  },
  azurerm_recovery_services_vault: {
    noun: 'the vault',
    guards: [softDelete('soft_delete_enabled', (what) => `deleted backups in ${what} are gone at once, with no soft-delete period`)],
  },
  azurerm_managed_disk: {
    replaced: startsEmpty('disk', 'created from a snapshot or image'),
    facts: [sizedDisk('disk_size_gb', 'storage_account_type', 'GiB', 'managed disk')],
  },
  azurerm_storage_account: {
    replaced: startsEmpty('storage account'),
    facts: [() => fate('every blob, file share, table and queue in the account is deleted')],
  },
  azurerm_postgresql_flexible_server: {
    replaced: RESTORED_SERVER,
    facts: [sized('storage_mb', (mb) => `${Number((mb / 1024).toFixed(1))} GiB of storage`)],
  },
  azurerm_mysql_flexible_server: {
    replaced: RESTORED_SERVER,
    facts: [sized(['storage', 0, 'size_gb'], (gb) => `${gb} GB of storage`)],
  },
  azurerm_mssql_database: {
    replaced: startsEmpty('database', 'restored from a backup'),
    facts: [sized('max_size_gb', (gb) => `up to ${gb} GB of data`)],
  },
};
