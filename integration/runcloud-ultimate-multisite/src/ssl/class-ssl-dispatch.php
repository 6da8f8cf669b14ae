<?php
/**
 * Sends a domain's certificate request to the basic certificate or to a certificate of its own.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * The one place that chooses between Ssl_Scheduler (the web app's basic certificate, gathered
 * redeploys) and Domain_Certificates (one job and certificate per domain), per Ssl_Strategy.
 * In per-domain mode no basic redeploy is sent: even a redeploy job queued before a migration hands
 * its names over to per-domain jobs when it runs.
 */
final class Ssl_Dispatch {

	/**
	 * Strategy.
	 *
	 * @var Ssl_Strategy
	 */
	private $strategy;

	/**
	 * Basic certificate.
	 *
	 * @var Ssl_Scheduler
	 */
	private $basic;

	/**
	 * Per-domain certificates.
	 *
	 * @var Domain_Certificates
	 */
	private $domains;

	/**
	 * Logger.
	 *
	 * @var Logger
	 */
	private $logger;

	/**
	 * Constructor.
	 *
	 * @param Ssl_Strategy        $strategy Strategy.
	 * @param Ssl_Scheduler       $basic    Basic certificate.
	 * @param Domain_Certificates $domains  Per-domain certificates.
	 * @param Logger              $logger   Logger.
	 */
	public function __construct( Ssl_Strategy $strategy, Ssl_Scheduler $basic, Domain_Certificates $domains, Logger $logger ) {
		$this->strategy = $strategy;
		$this->basic    = $basic;
		$this->domains  = $domains;
		$this->logger   = $logger;
	}

	/**
	 * $name needs a certificate now (it points at the server).
	 *
	 * @param string $name Normalised name.
	 * @return void
	 */
	public function request( $name ) {
		if ( $this->strategy->per_domain() ) {
			$this->domains->request( $name );
			return;
		}
		$this->basic->request( $name );
	}

	/**
	 * Whether $name is already covered by either kind (local state only: no call to RunCloud, so a
	 * propagation event for a covered name costs nothing).
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function is_covered( $name ) {
		return $this->domains->is_covered( $name ) || $this->basic->is_covered( $name );
	}

	/**
	 * Whether a certificate for $name was asked for and has not been had yet (local state only).
	 *
	 * @param string $name Normalised name.
	 * @return bool
	 */
	public function is_pending( $name ) {
		return 'pending' === $this->domains->status( $name ) || $this->basic->is_pending( $name );
	}

	/**
	 * Forgets $name in both.
	 *
	 * @param string $name Normalised name.
	 * @return void
	 */
	public function forget( $name ) {
		$this->basic->forget( $name );
		$this->domains->forget( $name );
	}

	/**
	 * Handler of Ssl_Scheduler::HOOK: the basic redeploy, unless certificates are per domain now;
	 * then its waiting names become per-domain jobs and no basic redeploy is sent.
	 *
	 * @param string $webapp_key Web app the job was queued for.
	 * @return void
	 * @throws Job_Failed_Exception When the redeploy fails for good.
	 */
	public function run_basic( $webapp_key = '' ) {
		if ( ! $this->strategy->per_domain() ) {
			$this->basic->run( $webapp_key );
			return;
		}

		$names = $this->basic->pending();
		foreach ( $names as $name ) {
			$this->basic->forget( $name );
			$this->domains->request( $name );
		}
		if ( $names ) {
			$this->logger->info( sprintf( 'SSL: certificates are per domain now; %d name(s) waiting for a basic redeploy get their own.', count( $names ) ) );
		}
	}
}
