import type { ReactNode } from 'react';
import styles from './EmptyState.module.css';

export function EmptyState({ title, body, action }: { title: string; body?: ReactNode; action?: ReactNode }) {
  return (
    <div className={styles.empty}>
      <span aria-hidden="true" style={{ fontSize: '1.8rem' }}>
        ✦
      </span>
      <h2>{title}</h2>
      {body && <p>{body}</p>}
      {action}
    </div>
  );
}
