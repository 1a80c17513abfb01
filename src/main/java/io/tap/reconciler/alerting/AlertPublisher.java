package io.tap.reconciler.alerting;

/** Sends one alert to one destination; throws when the destination did not accept it. */
interface AlertPublisher {

    /** Publishes and returns the destination's message id. */
    String publish(Alert alert, String topicArn);
}
