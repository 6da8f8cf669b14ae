<?php
/**
 * Basic mode: no certificate order that Let's Encrypt must refuse.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ssl;

use RunCloud_Ultimate_Multisite\RunCloud\Connector;
use RunCloud_Ultimate_Multisite\Domains\Dns_Checker;
use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;
use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * In basic SSL mode one Let's Encrypt order carries every name of the web app: more than 100 names, or one name whose DNS does
 * not point at the server, and it fails for everyone. Before a redeploy this class counts the names and looks for unpointed ones;
 * an order that cannot succeed is not sent, and the reason and the way out are logged at ERROR and kept for a network-admin
 * notice. Near the limit it warns once per crossing.
 *
 * The names come from RunCloud's listing, not from what this plugin tracked: the certificate covers every domain and www twin as
 * RunCloud stored them (one GET per 40 domains per gathered redeploy; a refused order costs more). A blocked redeploy is not
 * retried: waiting changes neither the count nor a name's DNS. What can change them comes through the plugin and queues the
 * redeploy again (Basic_Redeploy::forget() and request()).
 */
final class Basic_Ssl_Guard {

	/** Let's Encrypt's limit of names per certificate. */
	const MAX_NAMES = 100;

	/** Default of WU_RUNCLOUD_SSL_NAMES_WARNING. */
	const WARNING_NAMES = 80;

	/** The way out named in every message (the command and action of the per-domain mode). */
	const SWITCH_COMMAND = 'wp runcloud ssl mode advanced';
	const SWITCH_ACTION  = 'Switch to per-domain certificates';

	/** How many names a message lists before "and N more". */
	const NAMES_SHOWN = 5;

	/**
	 * Names the last check() found still at Ultimate Multisite's DNS stage, not pointing here.
	 *
	 * @var string[]
	 */
	private array $waiting = array();

	/**
	 * Builds the guard.
	 *
	 * @param Settings       $settings  Settings (the warning threshold).
	 * @param Connector      $connector RunCloud client.
	 * @param State          $state     Option store (the findings).
	 * @param Dns_Checker    $dns       DNS checker.
	 * @param Logger         $logger    Logger.
	 * @param Ssl_Mode       $mode      Whether certificates are the basic one.
	 * @param Mapped_Domains $mapped    Ultimate Multisite's records (their DNS stage).
	 */
	public function __construct( private readonly Settings $settings, private readonly Connector $connector, private readonly State $state, private readonly Dns_Checker $dns, private readonly Logger $logger, private readonly Ssl_Mode $mode, private readonly Mapped_Domains $mapped ) {}

	/**
	 * Checks the web app's names before a basic redeploy.
	 *
	 * @return string '' when nothing stands in the way for good (see waiting() for a redeploy that
	 *                must wait for DNS), else why not (already logged at ERROR).
	 * @throws \RunCloud\Exception|\RunCloud_Ultimate_Multisite\RunCloud\Not_Ready_Exception When the listing fails (the caller retries as for the redeploy).
	 */
	public function check(): string {
		$this->waiting = array();
		if ( ! $this->applies() ) {
			$this->clear();
			return '';
		}

		// The names on the certificate: every domain, plus the www twin of each with www on (not for a wildcard, nor a www. name).
		$names = array();
		foreach ( $this->connector->client()->listDomains() as $domain ) {
			$name = Domain_Name::normalize( $domain->name );
			if ( '' === $name ) {
				continue;
			}
			$names[ $name ] = true;
			if ( $domain->www && ! $domain->wildcard && ! str_starts_with( $name, 'www.' ) ) {
				$names[ 'www.' . $name ] = true;
			}
		}
		$names                   = array_map( 'strval', array_keys( $names ) );
		$count                   = count( $names );
		$max                     = $this->max_names();
		[ $unpointed, $waiting ] = $this->unpointed( $names );
		// Warns once per crossing of the warning threshold, and keeps the count for the notice.
		$warning = (int) $this->settings->get( 'WU_RUNCLOUD_SSL_NAMES_WARNING' );
		if ( $count < max( 1, (int) apply_filters( 'wu_runcloud_ssl_names_warning', $warning > 0 ? $warning : self::WARNING_NAMES ) ) ) {
			$this->save( 'warned', null );
		} else {
			$was = $this->stored()['warned'];
			$this->save(
				'warned',
				array(
					'count' => $count,
					'max'   => $max,
					'time'  => $was ? (int) $was['time'] : time(),
				)
			);
			if ( ! $was && $count <= $max ) {
				$this->logger->warning( sprintf( 'SSL: the certificate covers %d names; Let\'s Encrypt allows %d, so %d are left. Before the limit, switch to per-domain certificates with `%s` or the "%s" action on Network Admin > Settings > RunCloud.', $count, $max, $max - $count, self::SWITCH_COMMAND, self::SWITCH_ACTION ) );
			}
		}

		if ( $count <= $max && ! $unpointed ) {
			$this->save( 'blocked', null );
			// A domain whose DNS Ultimate Multisite still checks is a new mapping's normal state: the redeploy waits for it.
			$this->waiting = $waiting;
			return '';
		}

		$blocked = array(
			'count'     => $count,
			'max'       => $max,
			'unpointed' => $unpointed,
			'time'      => time(),
		);
		$this->save( 'blocked', $blocked );
		$reasons = array();
		if ( $count > $max ) {
			$reasons[] = sprintf( 'it would cover %d names, and Let\'s Encrypt allows at most %d per certificate.', $count, $max );
		}
		if ( $unpointed ) {
			$reasons[] = sprintf( 'the DNS of %s does not point at the server, so Let\'s Encrypt would refuse the certificate for every name.', self::list_names( $unpointed ) );
		}
		$fix     = $unpointed ? sprintf( 'point the DNS of %s at the server or remove those domains', self::list_names( $unpointed ) ) : 'remove domains';
		$message = sprintf( 'SSL: not redeploying the certificate: %s Way out: switch to per-domain certificates with `%s` or the "%s" action on Network Admin > Settings > RunCloud, or %s. Not retried until the web app\'s names change.', implode( ' Also ', $reasons ), self::SWITCH_COMMAND, self::SWITCH_ACTION, $fix );
		$this->logger->error( $message );
		return $message;
	}

	/**
	 * Names the last check() found at Ultimate Multisite's DNS stage: the redeploy waits (Let's Encrypt would refuse all).
	 *
	 * @return string[]
	 */
	public function waiting(): array {
		return $this->waiting;
	}

	/** Whether a finding is stored (names changed while a notice is up: the next check may clear it). */
	public function has_notice(): bool {
		$stored = $this->stored();
		return null !== $stored['blocked'] || null !== $stored['warned'];
	}

	/**
	 * What the network admin is shown; both null when nothing is wrong or the mode is not basic.
	 *
	 * @return array{blocked: array<string, mixed>|null, warned: array<string, mixed>|null}
	 */
	public function notice(): array {
		if ( ! $this->applies() && $this->has_notice() ) {
			$this->clear();
		}
		return $this->stored();
	}

	/** Forgets the guard's findings (mode switched, tests). */
	public function clear(): void {
		$this->state->set( 'ssl_guard', array() );
	}

	/** Whether the web app uses one certificate for all names (basic mode), where this guard applies. */
	public function applies(): bool {
		/**
		 * Filters whether the basic-mode guard checks redeploys.
		 *
		 * @param bool   $applies  Default: certificates are the web app's one basic certificate (the
		 *                         remembered mode only: a page view showing the notice calls nothing).
		 * @param string $strategy The certificate strategy in force (auto, per-domain, basic).
		 */
		return (bool) apply_filters( 'wu_runcloud_ssl_basic_guard', ! $this->mode->per_domain( false ), $this->mode->configured() );
	}

	/** Most names a certificate may carry. */
	public function max_names(): int {
		return max( 1, (int) apply_filters( 'wu_runcloud_ssl_max_names', self::MAX_NAMES ) );
	}

	/**
	 * Up to NAMES_SHOWN names, then "and N more".
	 *
	 * @param string[] $names Names.
	 */
	public static function list_names( array $names ): string {
		$shown = implode( ', ', array_slice( $names, 0, self::NAMES_SHOWN ) );
		$more  = count( $names ) - self::NAMES_SHOWN;
		return $more > 0 ? sprintf( '%s and %d more', $shown, $more ) : $shown;
	}

	/**
	 * Names at Ultimate Multisite's DNS stage that the plugin's own check does not see point here either: those it gave up on
	 * block, those it still checks are waited for. Names that passed its check are trusted, not looked up.
	 *
	 * @param string[] $names Names the certificate would cover.
	 * @return array{0: string[], 1: string[]} Known not to point; still being checked.
	 */
	private function unpointed( array $names ): array {
		$found   = array();
		$waiting = array();
		foreach ( array_intersect_key( $this->mapped->at_dns_stage(), array_flip( $names ) ) as $name => $stage ) {
			if ( ! $this->dns->points_to_server( (string) $name ) ) {
				if ( 'failed' === $stage ) {
					$found[ $name ] = true;
				} else {
					$waiting[ $name ] = true;
				}
			}
		}

		/**
		 * Filters the names of the certificate known not to point at the server.
		 *
		 * @param string[] $found Names.
		 * @param string[] $names Every name the certificate would cover.
		 */
		$found = array_values( (array) apply_filters( 'wu_runcloud_ssl_unpointed_names', array_keys( $found ), $names ) );
		sort( $found );
		$waiting = array_map( 'strval', array_keys( array_diff_key( $waiting, array_flip( $found ) ) ) );
		sort( $waiting );
		return array( $found, $waiting );
	}

	/**
	 * The stored findings.
	 *
	 * @return array{blocked: array<string, mixed>|null, warned: array<string, mixed>|null}
	 */
	private function stored(): array {
		$stored = (array) $this->state->get( 'ssl_guard' );
		return array(
			'blocked' => is_array( $stored['blocked'] ?? null ) && $stored['blocked'] ? $stored['blocked'] : null,
			'warned'  => is_array( $stored['warned'] ?? null ) && $stored['warned'] ? $stored['warned'] : null,
		);
	}

	/**
	 * Stores one finding (null forgets it).
	 *
	 * @param string                    $key   blocked|warned.
	 * @param array<string, mixed>|null $value Finding.
	 */
	private function save( string $key, ?array $value ): void {
		$stored         = $this->stored();
		$stored[ $key ] = $value;
		$this->state->set( 'ssl_guard', $stored );
	}
}
