import styles from './AppFooter.module.css';

export function AppFooter() {
  return (
    <footer className={styles.footer}>
      <div className="container row">
        <span>StyleCLIP service — text-driven StyleGAN2 editing.</span>
        <span className="spacer" />
        <a href="/settings">Settings</a>
      </div>
    </footer>
  );
}
