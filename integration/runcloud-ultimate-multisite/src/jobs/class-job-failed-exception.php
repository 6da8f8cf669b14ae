<?php
/**
 * A job that failed for good.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Jobs;

defined( 'ABSPATH' ) || exit;

/**
 * Thrown to make the background job fail visibly (Action Scheduler marks it "failed" and shows this message). The message is
 * already scrubbed; the extension's exception is kept as previous.
 */
class Job_Failed_Exception extends \RuntimeException {}
