import * as logs from 'aws-cdk-lib/aws-logs';

/** The CloudWatch retention setting for a number of days (which must be one CloudWatch offers). */
export function retention(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) {
    throw new Error(
      `log retention of ${days} days is not a CloudWatch choice (${allowed.sort((a, b) => a - b).join(', ')})`,
    );
  }
  return days as logs.RetentionDays;
}
