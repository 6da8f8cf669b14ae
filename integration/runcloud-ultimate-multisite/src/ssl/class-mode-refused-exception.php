<?php
/**
 * A per-domain certificate refused because the web app is in basic SSL mode.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Ssl;

defined( 'ABSPATH' ) || exit;

/**
 * Thrown by Domain_Certificates when RunCloud (or the client, which knows the mode) refuses a
 * per-domain certificate because the web app uses basic SSL; the message says how to switch.
 */
class Mode_Refused_Exception extends \RuntimeException {}
