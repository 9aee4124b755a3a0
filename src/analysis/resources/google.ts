/** Terraform's hashicorp/google types. */

import type { TypeEntry } from './entry.js';
import { backups, fate, forceDestroy, kept, onOff, refused, sized, sizedDisk, startsEmpty } from './facts.js';
import { DELETION_POLICY, DELETION_PROTECTION, FORCE_DESTROY, nestedProtection, refusedBy, refusing } from './guards.js';
import { amount, at, days, flag, isSet } from './values.js';

/** Terraform's own guard, on by default: the provider refuses to destroy while it is on. */
const TERRAFORM_GUARD = refusedBy(DELETION_PROTECTION, 'Terraform');

const terraformGuarded = (noun: string, replaced: string): TypeEntry => ({ noun, guards: [TERRAFORM_GUARD], replaced });

export const GOOGLE: Readonly<Record<string, TypeEntry>> = {
  google_sql_database_instance: {
    noun: 'the database',
    guards: [
      TERRAFORM_GUARD,
      refusing(nestedProtection('settings', 'deletion_protection_enabled'), 'deletion protection is on in Cloud SQL: Google Cloud refuses the delete until it is turned off'),
    ],
    replaced: startsEmpty('database', 'restored from a backup'),
    facts: [
      (v) => {
        if (isSet(v, 'master_instance_name')) return kept('a read replica: its primary instance keeps the data');
        const config = at(v, ['settings', 0, 'final_backup_config']);
        if (!Array.isArray(config)) return undefined;
        if (flag(config, [0, 'enabled']) === true) {
          const n = amount(config, [0, 'retention_days']);
          return fate(`a final backup is taken${n ? ` (kept ${days(n)})` : ''}`);
        }
        return fate(flag(v, ['settings', 0, 'retain_backups_on_delete']) === true ? 'no final backup is taken' : 'no final backup: the data is gone');
      },
      sized(['settings', 0, 'disk_size'], (gb) => `${gb} GB of storage`),
      (v) => {
        if (flag(v, ['settings', 0, 'backup_configuration', 0, 'enabled']) !== true) return undefined;
        const retain = flag(v, ['settings', 0, 'retain_backups_on_delete']);
        if (retain === true) return backups('automated backups are kept after the delete (retain_backups_on_delete)');
        return backups('automated backups are deleted with the instance unless retain_backups_on_delete is true');
      },
    ],
  },
  google_sql_database: { noun: 'the database', guards: [DELETION_POLICY] },
  google_alloydb_cluster: { noun: 'the database', guards: [DELETION_POLICY] },
  google_spanner_database: terraformGuarded('the database', startsEmpty('database', 'restored from a backup')),
  google_bigtable_instance: terraformGuarded('the database', startsEmpty('instance', 'restored from a backup')),
  google_bigtable_table: { noun: 'the database', guards: [DELETION_PROTECTION] },
  google_bigquery_dataset: {
    replaced: startsEmpty('dataset'),
    facts: [
      onOff(
        'delete_contents_on_destroy',
        fate('delete_contents_on_destroy is on: every table in the dataset is deleted'),
        refused('the delete fails if the dataset holds tables (delete_contents_on_destroy is off)'),
      ),
    ],
  },
  google_bigquery_table: terraformGuarded('the table', startsEmpty('table')),
  google_compute_disk: { replaced: startsEmpty('disk', 'created from a snapshot or image'), facts: [sizedDisk('size', 'type', 'GB', 'disk')] },
  google_compute_instance: {
    noun: 'the instance',
    guards: [refusedBy(DELETION_PROTECTION, 'Google Cloud')],
    replaced: 'the new instance boots from its image, not from the old boot disk',
    facts: [
      (v) => {
        const autoDelete = flag(v, ['boot_disk', 0, 'auto_delete']);
        const gb = amount(v, ['boot_disk', 0, 'initialize_params', 0, 'size']);
        const disk = `the ${gb ? `${gb} GB ` : ''}boot disk`;
        if (autoDelete === true) return fate(`${disk} is deleted with the instance`);
        if (autoDelete === false) return fate(`${disk} is kept (auto_delete is false)`);
        return undefined;
      },
    ],
  },
  google_container_cluster: { noun: 'the cluster', guards: [DELETION_PROTECTION] },
  google_storage_bucket: { noun: 'the bucket', guards: [FORCE_DESTROY], replaced: startsEmpty('bucket'), facts: [forceDestroy] },
  google_project: { guards: [DELETION_POLICY] },
};
