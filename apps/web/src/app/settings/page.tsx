import type { Metadata } from 'next';
import { SettingsForm } from '../../features/settings/SettingsForm';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p>Stored in this browser only.</p>
        </div>
      </div>
      <SettingsForm />
    </>
  );
}
