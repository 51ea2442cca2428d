import { policyConfigurations } from '../../lib/configurations/policy';
import { readPolicy } from '../../lib/policy/managed';

/** The policy as the options page reports it: its configurations read, and every problem found. */
export async function readManaged() {
  const policy = await readPolicy();
  const { configurations, problems } = await policyConfigurations(policy);
  return { ...policy, configurations, problems: [...policy.problems, ...problems] };
}
