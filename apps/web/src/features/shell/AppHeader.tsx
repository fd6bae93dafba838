import Link from 'next/link';
import { JobsIndicator } from '../jobs/JobsIndicator';
import { NavLinks } from './NavLinks';
import { ThemeToggle } from '../settings/ThemeToggle';

export function AppHeader() {
  return (
    <header className="app-header">
      <div className="container app-header__inner">
        <Link href="/" className="brand" aria-label="StyleCLIP home">
          <span className="brand__mark" aria-hidden="true">
            Sc
          </span>
          <span className="brand__name">StyleCLIP</span>
        </Link>
        <NavLinks />
        <span className="spacer" />
        <JobsIndicator />
        <ThemeToggle />
      </div>
    </header>
  );
}
