<?php
/**
 * One way of getting a name its certificate.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Ssl;

defined( 'ABSPATH' ) || exit;

/**
 * Implemented by Basic_Redeploy (the web app's one certificate, redeployed over every name) and Per_Domain (a certificate of the
 * name's own); Ssl_Chooser picks one per request.
 */
interface Certificate_Strategy {

	/** Fired with the names a certificate was issued for (Um_Records has Ultimate Multisite look). */
	const ISSUED = 'wu_runcloud_certificate_issued';

	/** Let's Encrypt over HTTP-01: the settings of a certificate this plugin installs. */
	const SETTINGS = array(
		'provider'            => 'letsencrypt',
		'enableHttp'          => false,
		'enableHsts'          => false,
		'authorizationMethod' => 'http-01',
		'environment'         => 'live',
	);

	/**
	 * Asks for a certificate covering $name (it points at the server); false when one is already asked.
	 *
	 * @param string $name  Normalised name.
	 * @param int    $delay Seconds from now.
	 */
	public function request( string $name, int $delay = 0 ): bool;

	/**
	 * Whether $name has its certificate (local state only: no call to RunCloud).
	 *
	 * @param string $name Normalised name.
	 */
	public function is_covered( string $name ): bool;

	/**
	 * Whether a certificate for $name was asked for and has not been had yet (local state only).
	 *
	 * @param string $name Normalised name.
	 */
	public function is_pending( string $name ): bool;

	/**
	 * Forgets what this strategy holds about $name.
	 *
	 * @param string $name Normalised name.
	 */
	public function forget( string $name ): void;
}
