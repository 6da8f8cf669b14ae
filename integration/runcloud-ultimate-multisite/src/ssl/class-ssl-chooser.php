<?php
/**
 * Which certificate covers a name: the one place that chooses.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\Domains\Ledger;
use RunCloud_Ultimate_Multisite\Jobs\Job_Failed_Exception;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * Sends a name's certificate request to the web app's basic certificate (Basic_Redeploy) or to a certificate of its own
 * (Per_Domain), as Ssl_Mode says, and runs both strategies' jobs, so a job queued before the mode changed still ends where the
 * mode says now: in per-domain mode no basic redeploy is sent (a queued one hands its names to per-domain jobs), and a per-domain
 * install the extension refuses because the web app is in basic mode (`auto` only) goes to the basic certificate.
 */
final class Ssl_Chooser {

	/**
	 * Builds the chooser.
	 *
	 * @param Ssl_Mode       $mode       Strategy setting and the web app's mode.
	 * @param Basic_Redeploy $basic      The web app's one certificate.
	 * @param Per_Domain     $per_domain One certificate per name.
	 * @param Logger         $logger     Logger.
	 */
	public function __construct( private readonly Ssl_Mode $mode, private readonly Basic_Redeploy $basic, private readonly Per_Domain $per_domain, private readonly Logger $logger ) {}

	/** The certificate jobs, and the ledger's forgetting (the basic redeploy's pending names). */
	public function register(): void {
		add_action( Basic_Redeploy::HOOK, array( $this, 'run_basic' ), 10, 1 );
		add_action( Per_Domain::HOOK, array( $this, 'run_per_domain' ), 10, 4 );
		add_action( Ledger::FORGOTTEN, array( $this->basic, 'forget' ) );
	}

	/**
	 * $name needs a certificate now (it points at the server): asked of the strategy in force (which may read the web app's mode,
	 * once a day).
	 *
	 * @param string $name Normalised name.
	 */
	public function request( string $name ): void {
		( $this->mode->per_domain() ? $this->per_domain : $this->basic )->request( $name );
	}

	/**
	 * Whether $name is covered by either kind (local state only, so a propagation event for a covered name costs nothing).
	 *
	 * @param string $name Normalised name.
	 */
	public function is_covered( string $name ): bool {
		return $this->per_domain->is_covered( $name ) || $this->basic->is_covered( $name );
	}

	/**
	 * Whether a certificate of either kind was asked for $name and not had yet (local state only).
	 *
	 * @param string $name Normalised name.
	 */
	public function is_pending( string $name ): bool {
		return $this->per_domain->is_pending( $name ) || $this->basic->is_pending( $name );
	}

	/**
	 * Handler of Basic_Redeploy::HOOK: the basic redeploy, unless certificates are per domain now; then its waiting names become
	 * per-domain jobs and no basic redeploy is sent.
	 *
	 * @param string $webapp_key Web app the job was queued for.
	 * @throws Job_Failed_Exception When the redeploy fails for good.
	 */
	public function run_basic( string $webapp_key = '' ): void {
		if ( ! $this->mode->per_domain() ) {
			$this->basic->run( $webapp_key );
			return;
		}
		$names = $this->basic->pending();
		foreach ( $names as $name ) {
			$this->basic->forget( $name );
			$this->per_domain->request( $name );
		}
		if ( $names ) {
			$this->logger->info( sprintf( 'SSL: certificates are per domain now; %d name(s) waiting for a basic redeploy get their own.', count( $names ) ) );
		}
	}

	/**
	 * Handler of Per_Domain::HOOK. When the extension finds the web app in basic mode (it reads the mode before the install;
	 * nothing was sent), the mode is remembered as basic: `auto` then hands the name to the basic certificate, a configured
	 * `per-domain` fails the job with the way out.
	 *
	 * @param string $webapp_key Web app the job was queued for.
	 * @param string $name       Normalised name.
	 * @param int    $attempt    Attempts made before.
	 * @param int    $throttled  Rate-limit waits before.
	 * @throws Job_Failed_Exception When the certificate cannot be had (this name's job only).
	 */
	public function run_per_domain( string $webapp_key, string $name, int $attempt = 0, int $throttled = 0 ): void {
		try {
			$this->per_domain->run( $webapp_key, $name, $attempt, $throttled );
		} catch ( \RunCloud\SslModeException $e ) {
			$this->mode->remember( false, false );
			if ( 'auto' !== $this->mode->configured() ) {
				$this->per_domain->refused( $name, sprintf( 'Could not install the certificate of %s: the web app uses basic SSL. Switch it with `%s` or the "%s" action on Network Admin > Settings > RunCloud.', $name, Basic_Ssl_Guard::SWITCH_COMMAND, Basic_Ssl_Guard::SWITCH_ACTION ), $e );
			}
			$this->per_domain->forget( $name );
			$this->logger->info( sprintf( 'SSL: the web app uses basic SSL now; %s goes to the basic certificate.', $name ) );
			$this->request( $name );
		}
	}
}
