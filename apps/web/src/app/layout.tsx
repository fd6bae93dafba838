// Global styles, in cascade order: tokens and resets, then the class vocabulary every feature uses.
import './globals.css';
import '../shared/ui/styles/layout.css';
import '../shared/ui/styles/controls.css';
import '../shared/ui/styles/feedback.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppFooter } from '../features/shell/AppFooter';
import { AppHeader } from '../features/shell/AppHeader';
import { ConnectivityBanner } from '../features/shell/ConnectivityBanner';
import { THEME_SCRIPT } from '../features/settings/theme';

export const metadata: Metadata = {
  title: { default: 'StyleCLIP — edit faces with words', template: '%s · StyleCLIP' },
  description: 'Generate StyleGAN2 faces and edit them with text: global directions and latent mappers.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#17171f' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Applies the saved theme before the first paint (no flash of the wrong theme). */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <AppHeader />
        <ConnectivityBanner />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <AppFooter />
      </body>
    </html>
  );
}
