import { closest } from '../catalog';
import { HarnessInputError } from './harness-error';

/**
 * AWS Region codes (commercial, China and GovCloud partitions) as of 2026, for checking the Regions a scenario
 * names. A Region AWS adds later is still accepted when written `xx-name-N` and told apart from a typo by
 * being far from every known code.
 */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1', 'cn-north-1', 'cn-northwest-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1',
  'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
  'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
];

const SHAPE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** The Region code as given, or an input error naming the closest known code. */
export function checkRegion(region: string): string {
  if (AWS_REGIONS.includes(region)) return region;
  const guess = closest(region, AWS_REGIONS);
  if (SHAPE.test(region) && guess === undefined) return region;
  throw new HarnessInputError(`unknown AWS Region \`${region}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : '; write a Region code such as `eu-west-1`'}`);
}
