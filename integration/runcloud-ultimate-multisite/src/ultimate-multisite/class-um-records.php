<?php
/**
 * Ultimate Multisite's own domain records: its check decides `secure`, this plugin makes sure it looks.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ultimate_Multisite;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Ssl\Certificate_Strategy;
use RunCloud_Ultimate_Multisite\Ssl\Ssl_Chooser;

defined( 'ABSPATH' ) || exit;

/**
 * Ultimate Multisite sets a record `secure` only through its own stage job (`wu_async_process_domain_stage`): at most
 * `wu_async_process_domain_stage_max_tries` checks, one every `dns_check_interval`, each a TLS handshake with DOMAIN:443; then
 * `ssl-failed` for good. A certificate that RunCloud issues after the last check would stay unused. So:
 *
 * - while this plugin still waits for a name's certificate (requested, waiting out a 429 or a
 *   certificate authority's limit, queued by a migration), the check of that record is kept alive;
 * - once a certificate covering the name is issued, a record that gave up is put back to
 *   `checking-ssl-cert` and Ultimate Multisite's own stage job is queued at once;
 * - a certificate that went away (removed, expired) takes `secure` back and hands the record to the
 *   same check, which then decides.
 *
 * `secure` is never set here: only Ultimate Multisite's check sets it.
 */
final class Um_Records {

	/** Ultimate Multisite's stage job, its group, and the stages this class reads or sets. */
	const STAGE_HOOK  = 'wu_async_process_domain_stage';
	const STAGE_GROUP = 'domain';
	const CHECKING    = 'checking-ssl-cert';
	const GAVE_UP     = array( 'ssl-failed', 'done-without-ssl' );

	/** Action Scheduler priority of the check queued when a certificate is issued (default 10, lower first). */
	const PRIORITY = 0;

	/**
	 * Builds the bridge.
	 *
	 * @param Ssl_Chooser    $ssl    Whether a name's certificate is pending.
	 * @param Mapped_Domains $mapped Ultimate Multisite's records.
	 * @param Logger         $logger Logger.
	 */
	public function __construct( private readonly Ssl_Chooser $ssl, private readonly Mapped_Domains $mapped, private readonly Logger $logger ) {}

	/** Hooks into Ultimate Multisite's stage job, and into the certificates issued. */
	public function register(): void {
		add_filter( 'wu_async_process_domain_stage_max_tries', array( $this, 'max_tries' ), 10, 2 );
		add_action( Certificate_Strategy::ISSUED, array( $this, 'issued' ) );
	}

	/**
	 * Filter of wu_async_process_domain_stage_max_tries: no limit while the record waits for its SSL check and this plugin still
	 * waits for the name's certificate; Ultimate Multisite's own limit otherwise (so a certificate refused for good ends in
	 * `ssl-failed`, as it would without us).
	 *
	 * @param mixed $max    Tries Ultimate Multisite allows.
	 * @param mixed $domain Its domain model.
	 */
	public function max_tries( mixed $max, mixed $domain = null ): mixed {
		$name = $domain instanceof \WP_Ultimo\Models\Domain && self::CHECKING === $domain->get_stage() ? Domain_Name::normalize( (string) $domain->get_domain() ) : '';
		return '' !== $name && $this->ssl->is_pending( $name ) ? PHP_INT_MAX : $max;
	}

	/**
	 * A certificate covering $names was issued: each record that gave up, or is still checking, is checked again by Ultimate
	 * Multisite at once.
	 *
	 * @param string[] $names Normalised names.
	 */
	public function issued( array $names ): void {
		foreach ( $names as $name ) {
			$record = $this->mapped->record( $name );
			if ( ! $record ) {
				continue;
			}
			$stage = (string) $record->get_stage();
			if ( 'done' === $stage && $record->is_secure() ) {
				continue; // Already secure: nothing to look at.
			}
			if ( self::CHECKING !== $stage && ! in_array( $stage, self::GAVE_UP, true ) && 'done' !== $stage ) {
				continue; // DNS stages: Ultimate Multisite gets to the certificate by itself.
			}
			if ( self::CHECKING !== $stage ) {
				$record->set_stage( self::CHECKING );
				$record->save();
				$this->logger->domain( $name, 'info', sprintf( 'Certificate issued: Ultimate Multisite\'s record of %s goes from "%s" back to its SSL check.', $name, $stage ) );
			}
			$this->check_now( $record );
		}
	}

	/**
	 * The daily look at the records Ultimate Multisite counts as secure: each is checked with Ultimate Multisite's own check (the
	 * domain model's has_valid_ssl_certificate()). One whose certificate no longer passes (expired, removed) is no longer secure
	 * and goes back to Ultimate Multisite's SSL check, which decides (and gives up after its tries). Only names this plugin added
	 * are looked at.
	 *
	 * @param string[] $names Names this plugin added (tracked).
	 * @return int How many records lost `secure`.
	 */
	public function recheck_secure( array $names ): int {
		$lost = 0;
		foreach ( $names as $name ) {
			$record = $this->mapped->record( (string) $name );
			if ( ! $record || 'done' !== $record->get_stage() || ! $record->is_secure() || ! method_exists( $record, 'has_valid_ssl_certificate' ) ) {
				continue;
			}
			if ( ! $record->has_valid_ssl_certificate() ) {
				$record->set_secure( false );
				$record->set_stage( self::CHECKING );
				$record->save();
				$this->logger->domain( $name, 'warning', sprintf( 'Certificate of %s no longer passes Ultimate Multisite\'s check (expired or removed): Ultimate Multisite\'s record is no longer secure and goes back to its SSL check.', $name ) );
				$this->check_now( $record );
				++$lost;
			}
		}
		return $lost;
	}

	/**
	 * Queues Ultimate Multisite's own stage job for the record now (tries from 0), in place of the one waiting for the next
	 * interval, so one chain of checks runs.
	 *
	 * @param \WP_Ultimo\Models\Domain $record Domain model.
	 */
	private function check_now( \WP_Ultimo\Models\Domain $record ): void {
		$id   = (int) $record->get_id();
		$args = array(
			'domain_id' => $id,
			'tries'     => 0,
		);
		if ( ! function_exists( 'as_enqueue_async_action' ) || ! function_exists( 'as_get_scheduled_actions' ) ) {
			return;
		}
		$queue = static function () use ( $id, $args ): int {
			// Its jobs' arguments are {"domain_id":N,"tries":T} or {"domain_id":N}: one search each, so N's prefix never crowds it out.
			$waiting = array();
			foreach ( array( ',', '}' ) as $after ) {
				$waiting += as_get_scheduled_actions(
					array(
						'hook'     => self::STAGE_HOOK,
						'group'    => self::STAGE_GROUP,
						'status'   => \ActionScheduler_Store::STATUS_PENDING,
						'search'   => '"domain_id":' . $id . $after,
						'per_page' => 20,
					)
				);
			}
			foreach ( $waiting as $action_id => $action ) {
				if ( (int) ( $action->get_args()['domain_id'] ?? 0 ) !== $id ) {
					continue;
				}
				try {
					\ActionScheduler::store()->cancel_action( $action_id );
				} catch ( \Throwable ) {
					continue; // Another queue runner claimed it meanwhile: that check runs now anyway.
				}
			}

			// First in the queue (claimed by priority, then date): on a busy network it must not wait behind every routine check.
			return as_enqueue_async_action( self::STAGE_HOOK, $args, self::STAGE_GROUP, false, self::PRIORITY );
		};
		// Ultimate Multisite keeps its jobs in the main site's queue (wu_switch_blog_and_run()).
		if ( function_exists( 'wu_switch_blog_and_run' ) ) {
			wu_switch_blog_and_run( $queue );
		} else {
			$queue();
		}
	}
}
