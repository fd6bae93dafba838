import Link from 'next/link';
import { cx } from '../../shared/ui/class-names';
import { JobsIndicator } from '../jobs/JobsIndicator';
import { ThemeToggle } from '../settings/ThemeToggle';
import { NavLinks } from './NavLinks';
import styles from './AppHeader.module.css';

export function AppHeader() {
  return (
    <header className={styles.header}>
      <div className={cx('container', styles.inner)}>
        <Link href="/" className={styles.brand} aria-label="StyleCLIP home">
          <span className={styles.mark} aria-hidden="true">
            Sc
          </span>
          <span className={styles.name}>StyleCLIP</span>
        </Link>
        <NavLinks />
        <span className="spacer" />
        <JobsIndicator />
        <ThemeToggle />
      </div>
    </header>
  );
}
