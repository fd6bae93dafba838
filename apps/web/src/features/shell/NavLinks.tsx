'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './NavLinks.module.css';

const LINKS = [
  { href: '/', label: 'Gallery' },
  { href: '/model-sets', label: 'Model sets' },
  { href: '/mappers/train', label: 'Train a mapper' },
  { href: '/jobs', label: 'Jobs' },
  { href: '/settings', label: 'Settings' },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav className={styles.nav} aria-label="Main">
      {LINKS.map((l) => {
        const current =
          l.href === '/'
            ? pathname === '/' || pathname.startsWith('/images') || pathname.startsWith('/edits')
            : pathname.startsWith(l.href);
        return (
          <Link key={l.href} href={l.href} aria-current={current ? 'page' : undefined}>
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
